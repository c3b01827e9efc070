using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Events;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>
/// One customer, one conversation, whichever id Meta names them by: the identity fixtures through the real gateway
/// and silo into DynamoDB, also after a gateway restart (no cache: the alias index and the conversations' forwards
/// route alone).
/// </summary>
[Collection(WebhookClusterCollection.Name)]
public sealed class IdentityRoutingTests(WebhookClusterFixture fixture)
{
    private const string BusinessA = "117283940561728";
    private const string Ana = "14155550123";
    private const string AnaBsuid = "US.8472019364518203947";
    private const string AnaNewNumber = "14155550199";
    private const string Mei = "JP.5820493716648201935";
    private const string MeiNewBsuid = "JP.9104476238815093327";
    private readonly LocalCluster _cluster = fixture.Cluster;
    private readonly EventStoreProbe _store = fixture.Store;

    [Fact]
    [Trait("Category", "Serial")]
    public async Task Phone_then_BSUID_only_then_a_new_number_stay_in_one_conversation_also_after_a_gateway_restart()
    {
        await PostOkAsync(WebhookFixtures.Read("text-bsuid.json"));
        await PostOkAsync(Text(from: null, userId: AnaBsuid, "wamid.IDENT.bsuid-only.1", "Any news on my order?"));
        await PostOkAsync(WebhookFixtures.Read("system-user-changed-number.json"));
        await PostOkAsync(Text(from: AnaNewNumber, userId: null, "wamid.IDENT.new-number.1", "This is my new number"));

        var anaIds = await MessageIdsAsync(Ana);
        Assert.Contains("wamid.IDENT.bsuid-only.1", anaIds);
        Assert.Contains("wamid.IDENT.new-number.1", anaIds);
        Assert.Empty(await _store.ConversationEventsAsync(BusinessA, AnaBsuid));

        // The contact claims the BSUID in the index after the 200: wait for it before the cache goes away.
        using var api = _cluster.CreateClient();
        await EventuallyAsync(async () => (await ConversationMessageIdsAsync(api, AnaBsuid)).Contains("wamid.IDENT.bsuid-only.1"), "the BSUID to find Ana's conversation");

        await _cluster.KillGatewayAsync();
        await _cluster.StartGatewayAsync();

        await PostOkAsync(Text(from: null, userId: AnaBsuid, "wamid.IDENT.bsuid-only.2", "Still waiting"));
        await PostOkAsync(Text(from: AnaNewNumber, userId: null, "wamid.IDENT.new-number.2", "Hello again"));

        anaIds = await MessageIdsAsync(Ana);
        Assert.Contains("wamid.IDENT.bsuid-only.2", anaIds);
        Assert.Contains("wamid.IDENT.new-number.2", anaIds);
        Assert.DoesNotContain(await _store.ConversationEventsAsync(BusinessA, AnaNewNumber), e => e is MessageReceived);
        Assert.Empty(await _store.ConversationEventsAsync(BusinessA, AnaBsuid));

        // The REST API finds the conversation by every alias.
        foreach (var alias in new[] { Ana, AnaBsuid, AnaNewNumber })
        {
            Assert.Contains("wamid.IDENT.new-number.2", await ConversationMessageIdsAsync(api, alias));
        }
    }

    [Fact]
    public async Task A_username_user_keeps_one_conversation_through_a_BSUID_change_and_its_statuses_find_it()
    {
        await PostOkAsync(WebhookFixtures.Read("text-bsuid-only.json"));
        await PostOkAsync(WebhookFixtures.Read("system-user-changed-user-id.json"));
        await PostOkAsync(Text(from: null, userId: MeiNewBsuid, "wamid.IDENT.mei.1", "Found it, thanks"));
        await PostOkAsync(WebhookFixtures.Read("status-sent-bsuid.json"));

        var events = await _store.ConversationEventsAsync(BusinessA, Mei);
        var ids = events.OfType<MessageReceived>().Select(e => e.Message.MessageId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Contains("wamid.IDENT.mei.1", ids);
        Assert.Contains(events, e => e is StatusUpdated { Report.Status: "sent" });
        Assert.DoesNotContain(await _store.ConversationEventsAsync(BusinessA, MeiNewBsuid), e => e is MessageReceived);

        var contact = await EventuallyAsync(() => _store.ContactEventsAsync(Mei), (IReadOnlyList<ContactEvent> e) => e.OfType<ContactProfileUpdated>().Any(p => p.Username == "mei.tanaka"));
        Assert.Contains(contact.OfType<ContactProfileUpdated>(), p => p.ParentUserId == "JP.ENT.7730194658820416652");
    }

    private async Task<IReadOnlyList<string>> MessageIdsAsync(string contactId) =>
        [.. (await _store.ConversationEventsAsync(BusinessA, contactId)).OfType<MessageReceived>().Select(e => e.Message.MessageId)];

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

    private static byte[] Text(string? from, string? userId, string messageId, string body)
    {
        var contact = from is not null ? $$"""{"profile":{"name":"Ana Ruiz"},"wa_id":"{{from}}"}""" : $$"""{"profile":{"name":"Ana Ruiz","username":"ana.ruiz"},"user_id":"{{userId}}"}""";
        var sender = from is not null ? $$"""
            "from":"{{from}}"
            """ : $$"""
            "from_user_id":"{{userId}}"
            """;
        return Encoding.UTF8.GetBytes($$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15557340912","phone_number_id":"{{{BusinessA}}}"},"contacts":[{{{contact}}}],
            "messages":[{{{{sender}}},"id":"{{{messageId}}}","timestamp":"1795419900","type":"text","text":{"body":"{{{body}}}"}}]}}]}]}
            """);
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

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}
