using System.Net;
using System.Text;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// The foundation's vertical slice through real processes: a signed text webhook goes in, is stored as an event in
/// DynamoDB (dynalite), and is read back over REST — also after the silo was killed and started again.
/// </summary>
public sealed class TextMessageSliceTests(SingleSiloCluster fixture) : IClassFixture<SingleSiloCluster>
{
    private const string MessagesPath = "/api/v1/conversations/117283940561728/14155550123/messages";
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Signed_text_webhook_is_stored_once_and_read_back_after_a_silo_restart()
    {
        var body = WebhookFixtures.Read("text.json");

        using (var first = await _cluster.PostWebhookAsync(body))
        {
            Assert.True(first.StatusCode == HttpStatusCode.OK, await Describe(first));
        }

        // Meta redelivers: the same body again is acknowledged and stored only once.
        using (var again = await _cluster.PostWebhookAsync(body))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var message = Assert.Single(await GetMessagesAsync());
        Assert.Equal("wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTAwNTJBMzhCOEREMjc3QkRFRgA=", message.GetProperty("id").GetString());
        Assert.Equal("inbound", message.GetProperty("direction").GetString());
        Assert.Equal("text", message.GetProperty("type").GetString());
        Assert.Equal("Hi! Is my order #4417 shipped yet?", message.GetProperty("text").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419000), message.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal("received", message.GetProperty("status").GetString());

        // A new silo process has nothing in memory: what it serves comes from the event store.
        await _cluster.KillSiloAsync(0);
        await _cluster.StartSiloAsync(0);

        var afterRestart = await Eventually(GetMessagesAsync, TimeSpan.FromSeconds(60));
        var restored = Assert.Single(afterRestart);
        Assert.Equal("Hi! Is my order #4417 shipped yet?", restored.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Wrong_or_missing_signature_is_rejected_and_nothing_is_stored()
    {
        // Lena's message: a conversation no other test creates.
        var body = WebhookFixtures.Read("text-forwarded.json");

        using var wrongSecret = await _cluster.PostWebhookAsync(body, WebhookFixtures.Sign(body, "not-the-app-secret"));
        using var missing = await _cluster.PostWebhookAsync(body, sign: false);
        var tampered = (byte[])body.Clone();
        tampered[^10] ^= 0x01;
        using var changedByte = await _cluster.PostWebhookAsync(tampered, WebhookFixtures.Sign(body));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, changedByte.StatusCode);
        using var client = _cluster.CreateClient();
        using var read = await client.GetAsync("/api/v1/conversations/117283940561728/4915112345678/messages");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Signed_body_that_is_not_json_is_a_bad_request()
    {
        var body = Encoding.UTF8.GetBytes("{\"object\":\"whatsapp_business_account\",\"entry\":[");

        using var response = await _cluster.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Verification_handshake_echoes_the_challenge_only_for_the_right_token()
    {
        using var client = _cluster.CreateClient(authenticated: false);

        using var wrong = await client.GetAsync("/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
        using var right = await client.GetAsync($"/webhook?hub.mode=subscribe&hub.verify_token={LocalCluster.VerifyToken}&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("1158201444", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Messages_endpoint_requires_an_api_key()
    {
        using var anonymous = _cluster.CreateClient(authenticated: false);
        using var response = await anonymous.GetAsync(MessagesPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<List<JsonElement>> GetMessagesAsync()
    {
        using var client = _cluster.CreateClient();
        using var response = await client.GetAsync(MessagesPath);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await Describe(response));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("next").ValueKind);
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(item => item.Clone())];
    }

    private async Task<string> Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{_cluster.Diagnostics()}";

    private static async Task<T> Eventually<T>(Func<Task<T>> action, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
