using System.Net;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>
/// The silo keeps each number's settings in memory (no call to the business per message): a change made through the
/// API still answers the very next customer message.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SettingsChangeTests(ApiClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_changed_keyword_reply_answers_the_very_next_message()
    {
        var (phoneNumberId, waId, other) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId(), TextWebhooks.NewWaId());
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        using var client = _cluster.CreateClient();
        var settings = $"/api/v1/businesses/{phoneNumberId}/settings";
        await ApiJson.ReadAsync(await client.PutAsync(settings, ApiJson.Content("""{ "keywordReplies": [ { "keyword": "price", "reply": "Prices: old list" } ] }""")), HttpStatusCode.OK);
        await PostAsync(phoneNumberId, new(waId, $"wamid.{waId}.1", "price?", sentAt));

        await ApiJson.ReadAsync(await client.PutAsync(settings, ApiJson.Content("""{ "keywordReplies": [ { "keyword": "price", "reply": "Prices: new list" } ] }""")), HttpStatusCode.OK);
        await PostAsync(phoneNumberId, new(waId, $"wamid.{waId}.2", "price now?", sentAt.AddMinutes(1)));
        await PostAsync(phoneNumberId, new(other, $"wamid.{other}.1", "price?", sentAt.AddMinutes(2)));

        Assert.Equal(
            [("inbound", "price?"), ("outbound", "Prices: old list"), ("inbound", "price now?"), ("outbound", "Prices: new list")],
            await MessagesAsync(client, phoneNumberId, waId));
        Assert.Equal([("inbound", "price?"), ("outbound", "Prices: new list")], await MessagesAsync(client, phoneNumberId, other));
    }

    private async Task PostAsync(string phoneNumberId, TextWebhooks.Text message)
    {
        using var response = await _cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, [message]));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<(string?, string?)>> MessagesAsync(HttpClient client, string phoneNumberId, string waId)
    {
        var page = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/conversations/{phoneNumberId}/{waId}/messages"), HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray().Select(static (JsonElement item) => (item.GetProperty("direction").GetString(), item.GetProperty("text").GetString()))];
    }
}
