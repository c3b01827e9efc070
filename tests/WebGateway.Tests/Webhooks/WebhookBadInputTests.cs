using System.Net;
using System.Text;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>What the gateway answers to bodies Meta would never send, and that none of them stores anything.</summary>
[Collection(WebhookClusterCollection.Name)]
public sealed class WebhookBadInputTests(WebhookClusterFixture fixture)
{
    private const string PhoneNumberId = "117283940561728";

    // The sticker fixture from a sender no other test uses, so "nothing stored" is about this class only.
    private const string ContactId = "34699990001";
    private readonly LocalCluster _cluster = fixture.Cluster;
    private readonly EventStoreProbe _store = fixture.Store;

    public static TheoryData<string> BadSignatures
    {
        get
        {
            var body = Body();
            var good = WebhookFixtures.Sign(body);
            return
            [
                WebhookFixtures.Sign(body, "not-the-app-secret"),
                "sha256=" + good["sha256=".Length..].ToUpperInvariant(),
                good["sha256=".Length..],
                good[..^1],
                "sha1=" + good["sha256=".Length..],
            ];
        }
    }

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task A_wrong_signature_is_401_and_nothing_is_stored(string signature)
    {
        using var response = await _cluster.PostWebhookAsync(Body(), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _store.ConversationEventsAsync(PhoneNumberId, ContactId));
    }

    [Fact]
    public async Task A_missing_signature_is_401_and_nothing_is_stored()
    {
        using var response = await _cluster.PostWebhookAsync(Body(), sign: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _store.ConversationEventsAsync(PhoneNumberId, ContactId));
    }

    [Theory]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":[")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"object\":\"whatsapp_business_account\"}")]
    public async Task A_signed_body_that_is_not_a_whatsapp_envelope_is_400(string json)
    {
        using var response = await _cluster.PostWebhookAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_body_about_another_meta_product_is_acknowledged_and_ignored()
    {
        using var response = await _cluster.PostWebhookAsync(Encoding.UTF8.GetBytes("""{"object":"page","entry":[{"id":"1","time":1795419000,"messaging":[]}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_app_dashboard_test_sample_is_acknowledged_and_never_stored()
    {
        const string Json = """{"object":"whatsapp_business_account","entry":[{"id":"0","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"16505551111","phone_number_id":"123456123"},"contacts":[{"profile":{"name":"test user name"},"wa_id":"16315551181"}],"messages":[{"from":"16315551181","id":"ABGGFlA5Fpa","timestamp":"1504902988","type":"text","text":{"body":"this is a text message"}}]}}]}]}""";

        using var response = await _cluster.PostWebhookAsync(Encoding.UTF8.GetBytes(Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _store.ConversationEventsAsync("123456123", "16315551181"));
    }

    [Fact]
    public async Task A_body_over_3_mb_is_413()
    {
        var body = new byte[(3 * 1024 * 1024) + 1];
        Array.Fill(body, (byte)' ');
        "{}"u8.CopyTo(body);

        using var response = await _cluster.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_of_exactly_3_mb_is_read()
    {
        var envelope = """{"object":"page","entry":[]}"""u8;
        var body = new byte[3 * 1024 * 1024];
        Array.Fill(body, (byte)' ');
        envelope.CopyTo(body);

        using var response = await _cluster.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_ascii_escaped_body_verifies_on_its_raw_bytes_and_stores_the_real_text()
    {
        const string Json = """{"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15557340912","phone_number_id":"117283940561728"},"contacts":[{"profile":{"name":"Luc\u00eda Garc\u00eda"},"wa_id":"34600000001"}],"messages":[{"from":"34600000001","id":"wamid.ESCAPED1","timestamp":"1795419700","type":"text","text":{"body":"Caf\u00e9 \ud83d\ude00 https:\/\/example.com\/a"}}]}}]}]}""";

        using var response = await _cluster.PostWebhookAsync(Encoding.UTF8.GetBytes(Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single((await _store.ConversationAsync(PhoneNumberId, "34600000001")).Messages);
        Assert.Equal("Café 😀 https://example.com/a", message.Text);
    }

    private static byte[] Body() =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WebhookFixtures.Read("sticker.json")).Replace("34612345678", ContactId, StringComparison.Ordinal));
}
