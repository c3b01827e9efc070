using WaApp.Grains.Abstractions.Events;
using System.Globalization;
using System.Net;
using System.Text;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Webhooks;

[Collection(WebhookClusterCollection.Name)]
public sealed class WebhookBatchTests(WebhookClusterFixture fixture)
{
    private static readonly string[] PhoneNumberIds = ["117283940561728", "128374659102837"];
    private readonly LocalCluster _cluster = fixture.Cluster;
    private readonly EventStoreProbe _store = fixture.Store;

    [Fact]
    public async Task One_post_from_50_users_on_two_numbers_makes_50_complete_conversations()
    {
        // Users 0..49 alternate between the two numbers; each sends three messages, interleaved with the others,
        // and the contacts arrays are in reverse order so nothing can rely on position.
        var users = Enumerable.Range(0, 50).Select(i => (Number: PhoneNumberIds[i % 2], WaId: (4915200000000L + i).ToString(CultureInfo.InvariantCulture))).ToList();
        var entries = PhoneNumberIds.Select((number, n) =>
        {
            var mine = users.Where(user => user.Number == number).ToList();
            var contacts = mine.AsEnumerable().Reverse().Select(user => $$"""{"profile":{"name":"User {{user.WaId}}"},"wa_id":"{{user.WaId}}"}""");
            var messages = Enumerable.Range(0, 3).SelectMany(round => mine.Select(user =>
                $$$"""{"from":"{{{user.WaId}}}","id":"wamid.BATCH.{{{user.WaId}}}.{{{round}}}","timestamp":"{{{1795420000 + round}}}","type":"text","text":{"body":"message {{{round}}}"}}"""));
            return $$$"""{"id":"10938475620193{{{n}}}","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"1555000000{{{n}}}","phone_number_id":"{{{number}}}"},"contacts":[{{{string.Join(',', contacts)}}}],"messages":[{{{string.Join(',', messages)}}}]}}]}""";
        });
        var body = Encoding.UTF8.GetBytes($$"""{"object":"whatsapp_business_account","entry":[{{string.Join(',', entries)}}]}""");

        using var response = await _cluster.PostWebhookAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        foreach (var (number, waId) in users)
        {
            var state = await _store.ConversationAsync(number, waId);
            Assert.Equal(
                [$"wamid.BATCH.{waId}.0", $"wamid.BATCH.{waId}.1", $"wamid.BATCH.{waId}.2"],
                state.Messages.Select(message => message.Id));
            Assert.Equal(["message 0", "message 1", "message 2"], state.Messages.Select(message => message.Text));
            Assert.Equal($"User {waId}", state.ProfileName);
        }
    }

    [Fact]
    public async Task A_backlog_for_one_customer_larger_than_a_dynamodb_item_is_stored_whole_and_in_order()
    {
        var waId = "4915300000001";
        // 80 long texts with non-ASCII letters: about 1.3 MB once escaped, several times one item's 400 KB.
        var texts = Enumerable.Range(0, 80).Select(i => $"{i:D2} " + new string('é', 3990)).ToList();
        var body = Body(PhoneNumberIds[0], waId, texts.Select((text, i) => ($"wamid.BACKLOG.{waId}.{i}", text)));

        using var response = await _cluster.PostWebhookAsync(body);
        using var next = await _cluster.PostWebhookAsync(Body(PhoneNumberIds[0], waId, [($"wamid.BACKLOG.{waId}.next", "and one more")]));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var state = await _store.ConversationAsync(PhoneNumberIds[0], waId);
        Assert.Equal([.. texts, "and one more"], state.Messages.Select(message => message.Text));
    }

    [Fact]
    public async Task A_message_too_large_for_any_item_is_stored_reduced_and_the_conversation_keeps_working()
    {
        var waId = "4915300000002";
        var huge = new string('x', 300_000);

        using var response = await _cluster.PostWebhookAsync(Body(PhoneNumberIds[1], waId, [($"wamid.HUGE.{waId}", huge)]));
        using var next = await _cluster.PostWebhookAsync(Body(PhoneNumberIds[1], waId, [($"wamid.HUGE.{waId}.next", "still there?")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var state = await _store.ConversationAsync(PhoneNumberIds[1], waId);
        Assert.Equal([huge[..4096], "still there?"], state.Messages.Select(message => message.Text));
        var stored = (await _store.ConversationEventsAsync(PhoneNumberIds[1], waId)).OfType<MessageReceived>().First();
        Assert.Contains("\"waapp_truncated\":true", stored.Message.RawJson, StringComparison.Ordinal);
    }

    private static byte[] Body(string number, string waId, IEnumerable<(string Id, string Text)> messages)
    {
        var items = messages.Select(message =>
            $$$"""{"from":"{{{waId}}}","id":"{{{message.Id}}}","timestamp":"1795420000","type":"text","text":{"body":"{{{message.Text}}}"}}""");
        return Encoding.UTF8.GetBytes($$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"109384756201930","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15550000000","phone_number_id":"{{{number}}}"},"contacts":[{"profile":{"name":"Backlog"},"wa_id":"{{{waId}}}"}],
            "messages":[{{{string.Join(',', items)}}}]}}]}]}
            """);
    }
}
