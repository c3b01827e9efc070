using System.Net;
using System.Text;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>
/// Signed bodies whose updates could never be stored as sent (found by the mutation fuzz test): they are answered 200,
/// stored reduced or not at all, and never block the grain that would have held them.
/// </summary>
[Collection(WebhookClusterCollection.Name)]
public sealed class UnstorableUpdateTests(WebhookClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task An_account_notice_larger_than_an_item_is_stored_reduced_and_the_account_keeps_recording()
    {
        var account = "9" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        var hrefs = string.Join(',', Enumerable.Repeat("""{"id":"x"}""", 30_000));
        var oversized = Body(account, $$$"""{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"117283940561728"},"errors":[{"code":130429,"title":"Rate limit hit","href":[{{{hrefs}}}]}]}}""");
        var normal = Body(account, """{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}""");

        using var first = await _cluster.PostWebhookAsync(oversized);
        using var second = await _cluster.PostWebhookAsync(normal);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var notices = await fixture.Store.BusinessAccountEventsAsync(account);
        Assert.Equal(2, notices.Count);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(0)]
    public async Task An_update_naming_an_id_no_storage_key_can_hold_is_acknowledged_and_stored_nowhere(int length)
    {
        var phoneNumberId = new string('7', length);
        var body = Body("104857362918475", $$$"""{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"{{{phoneNumberId}}}"},"contacts":[{"profile":{"name":"A"},"wa_id":"14155550123"}],"messages":[{"from":"14155550123","id":"wamid.long.1","timestamp":"1795419000","type":"text","text":{"body":"hi"}}]}}""");

        using var response = await _cluster.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_account_update_naming_an_empty_business_account_is_acknowledged_and_stored_nowhere()
    {
        var body = Body("", """{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}""");

        using var response = await _cluster.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_location_with_a_number_no_double_can_hold_is_stored_and_the_conversation_goes_on()
    {
        var contact = "1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
        var location = Message(contact, "wamid.inf.1", "\"type\":\"location\",\"location\":{\"latitude\":1e309,\"longitude\":77.59,\"name\":\"Cubbon Park\"}");
        var text = Message(contact, "wamid.inf.2", "\"type\":\"text\",\"text\":{\"body\":\"still here\"}");

        using var first = await _cluster.PostWebhookAsync(location);
        using var second = await _cluster.PostWebhookAsync(text);

        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var state = await fixture.Store.ConversationAsync("117283940561728", contact);
        Assert.Equal(["wamid.inf.1", "wamid.inf.2"], state.Messages.Select(message => message.Id));
    }

    private static byte[] Message(string contact, string id, string typeAndContent) =>
        Body("104857362918475", $$$"""{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"117283940561728"},"contacts":[{"profile":{"name":"A"},"wa_id":"{{{contact}}}"}],"messages":[{"from":"{{{contact}}}","id":"{{{id}}}","timestamp":"1795419000",{{{typeAndContent}}}}]}}""");

    private static byte[] Body(string account, string change) =>
        Encoding.UTF8.GetBytes($$$"""{"object":"whatsapp_business_account","entry":[{"id":"{{{account}}}","changes":[{{{change}}}]}]}""");
}
