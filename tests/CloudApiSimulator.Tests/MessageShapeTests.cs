using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>
/// Every send Meta documents (tests/Fixtures/outbound) is accepted; the interactive kinds and template parameter
/// formats Meta refuses are refused with Meta's codes.
/// </summary>
public sealed class MessageShapeTests
{
    private const string Envelope = "\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+14155550123\"";

    public static TheoryData<string> Fixtures => [.. OutboundFixtures.Names];

    public static TheoryData<string, string, int> InvalidBodies => new()
    {
        { "cta_url label over 20", Interactive("""{"type":"cta_url","body":{"text":"Tap"},"action":{"name":"cta_url","parameters":{"display_text":"See all the available dates","url":"https://example.com"}}}"""), 131009 },
        { "cta_url without a URL", Interactive("""{"type":"cta_url","body":{"text":"Tap"},"action":{"name":"cta_url","parameters":{"display_text":"See"}}}"""), 131008 },
        { "location request with a header", Interactive("""{"type":"location_request_message","header":{"type":"text","text":"Hi"},"body":{"text":"Where?"},"action":{"name":"send_location"}}"""), 100 },
        { "flow with flow_id and flow_name", Interactive("""{"type":"flow","body":{"text":"Go"},"action":{"name":"flow","parameters":{"flow_message_version":"3","flow_id":"1","flow_name":"signup","flow_cta":"Go"}}}"""), 100 },
        { "flow without its CTA", Interactive("""{"type":"flow","body":{"text":"Go"},"action":{"name":"flow","parameters":{"flow_message_version":"3","flow_id":"1"}}}"""), 131008 },
        { "currency amount as text", Template("""{"type":"body","parameters":[{"type":"currency","currency":{"fallback_value":"$1","code":"USD","amount_1000":"1000"}}]}"""), 100 },
        { "date_time without fallback", Template("""{"type":"body","parameters":[{"type":"date_time","date_time":{}}]}"""), 131008 },
        { "coupon code over 20", Template("""{"type":"button","sub_type":"copy_code","index":"0","parameters":[{"type":"coupon_code","coupon_code":"THIS-CODE-IS-MUCH-TOO-LONG"}]}"""), 131009 },
        { "offer without expiry", Template("""{"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{}}]}"""), 100 },
        { "carousel of eleven cards", Template("""{"type":"carousel","cards":[""" + string.Join(",", Enumerable.Range(0, 11).Select(Card)) + "]}"), 131009 },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_send_Meta_documents_is_accepted(string fixture)
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:EnforceWindow"] = "false" });

        using var response = await PostAsync(harness, OutboundFixtures.Meta(fixture, "+" + SimulatorHarness.Ana).ToJsonString());

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{fixture}: {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task A_shape_Meta_refuses_gets_Meta_error_and_sends_nothing(string why, string body, int expectedCode)
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:EnforceWindow"] = "false" });

        using var response = await PostAsync(harness, body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: HTTP {(int)response.StatusCode}");
        Assert.Equal(expectedCode, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
        Assert.Null(Assert.Single(await harness.RequestsAsync())!["messageId"]);
    }

    private static async Task<HttpResponseMessage> PostAsync(SimulatorHarness harness, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v24.0/{SimulatorHarness.PhoneNumberId}/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer dev-token");
        return await harness.Http.SendAsync(request);
    }

    private static string Interactive(string interactive) => "{" + Envelope + ",\"type\":\"interactive\",\"interactive\":" + interactive + "}";

    private static string Template(string component) =>
        "{" + Envelope + ",\"type\":\"template\",\"template\":{\"name\":\"offer\",\"language\":{\"code\":\"en_US\"},\"components\":[" + component + "]}}";

    private static string Card(int index) =>
        "{\"card_index\":" + index + ",\"components\":[{\"type\":\"header\",\"parameters\":[{\"type\":\"image\",\"image\":{\"link\":\"https://example.com/" + index + ".jpg\"}}]}]}";
}
