using System.Net;
using System.Text;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary><c>…/templates</c>, <c>…/notices</c> and the conversation list's last message, through real processes.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class TemplateApiTests(ApiClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Templates_show_the_latest_review_status_of_each_name_and_language()
    {
        var phoneNumberId = TextWebhooks.NewPhoneNumberId();
        await PostAsync(TextWebhooks.Build(phoneNumberId, [new(TextWebhooks.NewWaId(), NewWamid(), "Hello", DateTimeOffset.UtcNow)]));
        await PostAsync(WebhookFixtures.Read("template-status-update.json"));
        await PostAsync(WebhookFixtures.Read("template-status-rejected.json"));
        using var client = _cluster.CreateClient();

        var rejected = await TemplateAsync(client, phoneNumberId, "winter_sale_promo");
        Assert.Equal("REJECTED", rejected.GetProperty("status").GetString());
        Assert.Equal("es", rejected.GetProperty("language").GetString());
        var approved = await TemplateAsync(client, phoneNumberId, "order_shipped_v2");
        Assert.Equal("APPROVED", approved.GetProperty("status").GetString());
        Assert.Equal("en_US", approved.GetProperty("language").GetString());
        Assert.Equal("UTILITY", approved.GetProperty("category").GetString());

        // Fixed and approved on a second review: the newer notice wins.
        var resubmitted = Encoding.UTF8.GetString(WebhookFixtures.Read("template-status-rejected.json")).Replace("\"REJECTED\"", "\"APPROVED\"", StringComparison.Ordinal);
        await PostAsync(Encoding.UTF8.GetBytes(resubmitted));
        Assert.Equal("APPROVED", (await TemplateAsync(client, phoneNumberId, "winter_sale_promo")).GetProperty("status").GetString());

        var notices = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/businesses/{phoneNumberId}/notices"), HttpStatusCode.OK);
        Assert.Contains(notices.GetProperty("items").EnumerateArray(), notice =>
            notice.GetProperty("field").GetString() == "message_template_status_update" && notice.GetProperty("subject").GetString() == "order_shipped_v2");
    }

    [Fact]
    public async Task An_unknown_number_has_no_templates_or_notices()
    {
        using var client = _cluster.CreateClient();
        var unknown = TextWebhooks.NewPhoneNumberId();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/businesses/{unknown}/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/businesses/{unknown}/notices")).StatusCode);
    }

    [Fact]
    public async Task The_conversation_list_shows_the_last_message_cut_to_120_characters()
    {
        var phoneNumberId = TextWebhooks.NewPhoneNumberId();
        var customer = TextWebhooks.NewWaId();
        var longText = string.Concat(Enumerable.Repeat("Where is my parcel? ", 10));
        await PostAsync(TextWebhooks.Build(phoneNumberId, [new(customer, NewWamid(), "First", DateTimeOffset.UtcNow.AddSeconds(-5)), new(customer, NewWamid(), longText, DateTimeOffset.UtcNow)]));
        using var client = _cluster.CreateClient();

        var last = await EventuallyAsync(async () =>
        {
            var page = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/businesses/{phoneNumberId}/conversations"), HttpStatusCode.OK);
            var item = page.GetProperty("items").EnumerateArray().FirstOrDefault();
            return item.ValueKind == JsonValueKind.Object && item.TryGetProperty("lastMessage", out var message) && message.ValueKind == JsonValueKind.Object ? message : (JsonElement?)null;
        });

        Assert.Equal("inbound", last.GetProperty("direction").GetString());
        Assert.Equal("text", last.GetProperty("type").GetString());
        Assert.Equal(longText[..120], last.GetProperty("text").GetString());
    }

    private async Task PostAsync(byte[] body)
    {
        using var response = await _cluster.PostWebhookAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> TemplateAsync(HttpClient client, string phoneNumberId, string name)
    {
        var page = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/businesses/{phoneNumberId}/templates"), HttpStatusCode.OK);
        return Assert.Single(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("name").GetString() == name);
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The conversation list never showed the last message.");
            await Task.Delay(200);
        }
    }

    private static string NewWamid() => "wamid.tpl" + Guid.NewGuid().ToString("N");
}
