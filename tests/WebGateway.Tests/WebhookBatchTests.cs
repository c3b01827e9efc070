using System.Globalization;
using System.Net;
using System.Text;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests;

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
}
