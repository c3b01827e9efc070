using System.Net;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class ContactAndMetadataApiTests(ApiClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_contact_and_the_business_number_metadata_come_from_webhooks()
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        using (var posted = await _cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", DateTimeOffset.UtcNow)])))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        using var client = _cluster.CreateClient();
        var contact = await EventuallyAsync(client, $"/api/v1/contacts/{waId}", body => body.GetProperty("profileName").GetString() is not null);
        var business = await EventuallyAsync(client, $"/api/v1/businesses/{phoneNumberId}", body => body.GetProperty("wabaId").GetString() is not null);

        Assert.Equal($"Customer {waId}", contact.GetProperty("profileName").GetString());
        Assert.Equal(waId, contact.GetProperty("waId").GetString());
        Assert.Equal("15550000000", business.GetProperty("displayPhoneNumber").GetString());
        Assert.Equal("104857362918475", business.GetProperty("wabaId").GetString());
    }

    [Fact]
    public async Task A_contact_shows_each_conversation_and_a_stop_to_that_business_number()
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        using (var posted = await _cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", sentAt), new(waId, $"wamid.{waId}.2", "stop", sentAt.AddSeconds(5))])))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        using var client = _cluster.CreateClient();
        var contact = await EventuallyAsync(client, $"/api/v1/contacts/{waId}", body => body.GetProperty("conversations") is { ValueKind: System.Text.Json.JsonValueKind.Array } list
            && list.GetArrayLength() == 1 && list[0].GetProperty("optedOut").GetBoolean());

        var conversation = contact.GetProperty("conversations")[0];
        Assert.Equal(phoneNumberId, conversation.GetProperty("phoneNumberId").GetString());
        Assert.Equal($"{phoneNumberId}:{waId}", conversation.GetProperty("conversationId").GetString());
        Assert.False(conversation.GetProperty("marketingStopped").GetBoolean());
        Assert.Equal(sentAt.AddSeconds(5).ToUnixTimeSeconds(), conversation.GetProperty("consentChangedAt").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task An_unknown_contact_is_a_404_problem_and_the_endpoint_needs_a_key()
    {
        using var client = _cluster.CreateClient();
        using var anonymous = _cluster.CreateClient(authenticated: false);

        var problem = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/contacts/{TextWebhooks.NewWaId()}"), HttpStatusCode.NotFound);
        using var unauthorized = await anonymous.GetAsync($"/api/v1/contacts/{TextWebhooks.NewWaId()}");

        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    // Contacts and metadata travel one-way: poll until they are applied.
    private static Task<System.Text.Json.JsonElement> EventuallyAsync(HttpClient client, string path, Func<System.Text.Json.JsonElement, bool> ready) =>
        ApiJson.EventuallyAsync(client, path, ready);
}
