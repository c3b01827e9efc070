using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WaApp.Grains.Abstractions.Events;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>
/// Whatever a gateway remembers, a username user's updates reach their one conversation: calls, Business app echoes
/// and history that name them only by BSUID, and the first message that shows their number at a gateway that has not
/// seen them since it started. Each test restarts the gateway, so routing rests on the alias index alone.
/// </summary>
[Collection(WebhookClusterCollection.Name)]
public sealed class ColdGatewayIdentityTests(WebhookClusterFixture fixture)
{
    private const string BusinessA = "117283940561728";

    // The user the BSUID-only fixtures name; each test replaces it with a user of its own.
    private const string FixtureBsuid = "SE.4410927365518820341";
    private const string CallId = "wacid.HBgWVVMuODQ3MjAxOTM2NDUxODIwMzk0NxUCABIYIENBTExCU1VJRDAwMTEyMjMzNDQ1NTY2Nzc4ODk5QUEA";
    private const string EchoId = "wamid.HBgWVVMuODQ3MjAxOTM2NDUxODIwMzk0NxUCABEYEkVDSE9CU1VJRDAwMTEyMjMzNAA=";
    private const string HistoryUserMessageId = "wamid.HBgWVVMuODQ3MjAxOTM2NDUxODIwMzk0NxUCABIYFEhJU1RCU1VJRDAwMDExMTIyMjMzMwA=";
    private const string HistoryReplyId = "wamid.HBgWVVMuODQ3MjAxOTM2NDUxODIwMzk0NxUCABEYFEhJU1RCU1VJRDAwMDIyMjMzMzQ0NAA=";

    private readonly LocalCluster _cluster = fixture.Cluster;
    private readonly EventStoreProbe _store = fixture.Store;

    [Fact]
    [Trait("Category", "Serial")]
    public async Task Calls_echoes_and_history_naming_only_a_BSUID_reach_the_customers_conversation_at_a_cold_gateway()
    {
        const string number = "4915112340001";
        const string bsuid = "DE.7302918465530129001";
        await PostOkAsync(Text(number, bsuid, "wamid.COLD.calls.1", 1795430000, "Hallo, do you ship to Berlin?"));
        // After the 200 the customer's number claims the BSUID in the index; the restarted gateway knows nothing else.
        await EventuallyAsync(async () => await _store.AliasOwnerAsync(bsuid) == number, "the BSUID to be claimed for the number");
        await _cluster.KillGatewayAsync();
        await _cluster.StartGatewayAsync();

        await PostOkAsync(Fixture("call-terminate-bsuid-only.json", bsuid));
        await PostOkAsync(Fixture("smb-message-echo-bsuid-only.json", bsuid));
        await PostOkAsync(Fixture("history-chunk-bsuid-only.json", bsuid));

        var events = await _store.ConversationEventsAsync(BusinessA, number);
        var call = Assert.Single(events.OfType<CallLogged>());
        Assert.Equal((CallId, "COMPLETED", 85), (call.Call.CallId, call.Call.Status, call.Call.DurationSeconds));
        Assert.Equal(
            [EchoId, HistoryReplyId, HistoryUserMessageId],
            events.OfType<MessageImported>().Select(e => e.Message.MessageId).Order(StringComparer.Ordinal));
        Assert.Empty(await _store.ConversationEventsAsync(BusinessA, bsuid));

        // What an agent sees: the echo and the imported history in the customer's one conversation, by either id.
        using var api = _cluster.CreateClient();
        foreach (var id in new[] { number, bsuid })
        {
            var ids = await ConversationMessageIdsAsync(api, id);
            Assert.Contains(EchoId, ids);
            Assert.Contains(HistoryUserMessageId, ids);
            Assert.Contains("wamid.COLD.calls.1", ids);
        }
    }

    [Fact]
    [Trait("Category", "Serial")]
    public async Task A_username_user_who_shows_their_number_at_a_cold_gateway_keeps_one_conversation()
    {
        const string number = "4915112340002";
        const string bsuid = "DE.7302918465530129002";
        await PostOkAsync(Text(null, bsuid, "wamid.COLD.first", 1795431000, "Hi, writing by username"));
        // The new conversation claims its BSUID in the index after the 200.
        await EventuallyAsync(async () => await _store.AliasOwnerAsync(bsuid) == bsuid, "the BSUID to be claimed");
        await _cluster.KillGatewayAsync();
        await _cluster.StartGatewayAsync();

        // The cold gateway routes by the number it has never seen (no read before the 200)...
        await PostOkAsync(Text(number, bsuid, "wamid.COLD.second", 1795431060, "Here is my number"));
        await PostOkAsync(Text(number, bsuid, "wamid.COLD.third", 1795431120, "Any news?"));

        // ...and the number's new conversation hands both over to the customer's after it learns the BSUID is theirs.
        using var api = _cluster.CreateClient();
        string[] expected = ["wamid.COLD.first", "wamid.COLD.second", "wamid.COLD.third"];
        await EventuallyAsync(async () => (await ConversationMessageIdsAsync(api, bsuid)).SequenceEqual(expected), "all three messages in the customer's conversation");
        await EventuallyAsync(async () => (await ConversationMessageIdsAsync(api, number)).SequenceEqual(expected), "the number to find the same conversation");

        var received = (await _store.ConversationEventsAsync(BusinessA, bsuid)).OfType<MessageReceived>().Select(e => e.Message.MessageId);
        Assert.Equal(expected, received);
        await EventuallyAsync(
            async () => (await _store.ConversationEventsAsync(BusinessA, number)).Any(e => e is ConversationRedirected { ConversationId: $"{BusinessA}:{bsuid}" }),
            "the number's conversation to record its forward");

        // One conversation in the business's list, keyed by the id WaApp first knew the customer by.
        var listed = await ListedContactIdsAsync(api);
        Assert.Contains(bsuid, listed);
        Assert.DoesNotContain(number, listed);

        // Later messages at this gateway (which now routes the pair by the number) land there too.
        await PostOkAsync(Text(number, bsuid, "wamid.COLD.fourth", 1795431180, "Still there?"));
        await EventuallyAsync(async () => (await ConversationMessageIdsAsync(api, bsuid)).Contains("wamid.COLD.fourth"), "a later message to follow");
    }

    private static byte[] Fixture(string name, string bsuid) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WebhookFixtures.Read(name)).Replace(FixtureBsuid, bsuid, StringComparison.Ordinal));

    private static byte[] Text(string? number, string bsuid, string messageId, long timestamp, string body)
    {
        var contact = number is null
            ? $$"""{"profile":{"name":"Jonas Weber","username":"jonas.weber"},"user_id":"{{bsuid}}"}"""
            : $$"""{"profile":{"name":"Jonas Weber","username":"jonas.weber"},"wa_id":"{{number}}","user_id":"{{bsuid}}"}""";
        var sender = number is null ? $$""" "from_user_id":"{{bsuid}}" """ : $$""" "from":"{{number}}","from_user_id":"{{bsuid}}" """;
        return Encoding.UTF8.GetBytes($$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15557340912","phone_number_id":"{{{BusinessA}}}"},"contacts":[{{{contact}}}],
            "messages":[{{{{sender}}},"id":"{{{messageId}}}","timestamp":"{{{timestamp}}}","type":"text","text":{"body":"{{{body}}}"}}]}}]}]}
            """);
    }

    private static async Task<IReadOnlyList<string>> ConversationMessageIdsAsync(HttpClient api, string alias)
    {
        using var response = await api.GetAsync($"/api/v1/conversations/{BusinessA}/{Uri.EscapeDataString(alias)}/messages?limit=100");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }

        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
    }

    private static async Task<IReadOnlyList<string>> ListedContactIdsAsync(HttpClient api)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/businesses/{BusinessA}/conversations?limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await api.GetFromJsonAsync<JsonElement>(url);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("contactId").GetString()!));
            cursor = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return ids;
    }

    private async Task PostOkAsync(byte[] body)
    {
        using var response = await _cluster.PostWebhookAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{_cluster.Diagnostics()}");
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }
}
