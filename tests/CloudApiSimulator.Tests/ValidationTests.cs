using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>Bodies Meta refuses are refused with Meta's codes and error shape, and nothing is sent.</summary>
public sealed class ValidationTests
{
    private const string Envelope = "\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+14155550123\"";

    public static TheoryData<string, string, int> InvalidBodies => new()
    {
        { "not JSON", "{\"messaging_product\":", 100 },
        { "no messaging_product", """{"to":"+14155550123","type":"text","text":{"body":"hi"}}""", 100 },
        { "missing to", """{"messaging_product":"whatsapp","type":"text","text":{"body":"hi"}}""", 100 },
        { "to is not a number", """{"messaging_product":"whatsapp","to":"ana@example.com","type":"text","text":{"body":"hi"}}""", 100 },
        { "unknown type", Message("\"type\":\"poll\",\"poll\":{}"), 100 },
        { "type without its object", Message("\"type\":\"text\""), 131008 },
        { "empty text", Message("\"type\":\"text\",\"text\":{\"body\":\"\"}"), 131008 },
        { "text over 4096", Message("\"type\":\"text\",\"text\":{\"body\":\"" + new string('a', 4097) + "\"}"), 100 },
        { "media without id or link", Message("\"type\":\"image\",\"image\":{\"caption\":\"x\"}"), 131008 },
        { "media with id and link", Message("\"type\":\"image\",\"image\":{\"id\":\"1\",\"link\":\"https://example.com/a.jpg\"}"), 100 },
        { "caption on audio", Message("\"type\":\"audio\",\"audio\":{\"id\":\"1\",\"caption\":\"x\"}"), 100 },
        { "four reply buttons", Message("\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{\"buttons\":[" + Buttons(4) + "]}}"), 131009 },
        { "button title over 20", Message("\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"This title is far too long\"}}]}}"), 131009 },
        { "duplicate button ids", Message("\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"One\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"Two\"}}]}}"), 131009 },
        { "list with eleven rows", Message("\"type\":\"interactive\",\"interactive\":{\"type\":\"list\",\"body\":{\"text\":\"Pick\"},\"action\":{\"button\":\"Open\",\"sections\":[{\"title\":\"All\",\"rows\":[" + Rows(11) + "]}]}}"), 131009 },
        { "template without language", Message("\"type\":\"template\",\"template\":{\"name\":\"hello_world\"}"), 131008 },
        { "reaction without message_id", Message("\"type\":\"reaction\",\"reaction\":{\"emoji\":\"x\"}"), 131008 },
        { "location out of range", Message("\"type\":\"location\",\"location\":{\"latitude\":91,\"longitude\":0}"), 100 },
        { "callback data over 512", Message("\"type\":\"text\",\"biz_opaque_callback_data\":\"" + new string('c', 513) + "\",\"text\":{\"body\":\"hi\"}"), 100 },
        { "mark as read of a non-wamid", """{"messaging_product":"whatsapp","status":"read","message_id":"12345"}""", 100 },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_body_gets_Meta_error_and_sends_nothing(string why, string body, int expectedCode)
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:EnforceWindow"] = "false" });

        using var response = await PostAsync(harness, body, "Bearer dev-token");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: HTTP {(int)response.StatusCode}");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(expectedCode, (int?)error["code"]);
        Assert.Equal("OAuthException", (string?)error["type"]);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        Assert.False(string.IsNullOrEmpty((string?)error["fbtrace_id"]));
        Assert.Null(Assert.Single(await harness.RequestsAsync())!["messageId"]);
        Assert.Empty(harness.Receiver.Received);
    }

    [Fact]
    public async Task Valid_body_in_the_same_shape_is_accepted()
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:EnforceWindow"] = "false" });

        using var response = await PostAsync(
            harness,
            Message("\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{\"buttons\":[" + Buttons(3) + "]}}"),
            "Bearer dev-token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer ")]
    [InlineData("Basic abc")]
    [InlineData("Bearer wrong-token")]
    public async Task Missing_or_wrong_token_gets_190(string? authorization)
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:AccessToken"] = "dev-token" });

        using var response = await PostAsync(harness, Message("\"type\":\"text\",\"text\":{\"body\":\"hi\"}"), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(190, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    private static async Task<HttpResponseMessage> PostAsync(SimulatorHarness harness, string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v24.0/{SimulatorHarness.PhoneNumberId}/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await harness.Http.SendAsync(request);
    }

    private static string Message(string typeAndPayload) => "{" + Envelope + "," + typeAndPayload + "}";

    private static string Buttons(int count) =>
        string.Join(",", Enumerable.Range(1, count).Select(i => "{\"type\":\"reply\",\"reply\":{\"id\":\"b" + i + "\",\"title\":\"Option " + i + "\"}}"));

    private static string Rows(int count) =>
        string.Join(",", Enumerable.Range(1, count).Select(i => "{\"id\":\"r" + i + "\",\"title\":\"Row " + i + "\"}"));
}
