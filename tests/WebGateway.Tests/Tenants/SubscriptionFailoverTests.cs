using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;

namespace WaApp.WebGateway.Tests.Tenants;

/// <summary>
/// Two silos, one killed while events are being delivered: the receiver may see an event twice (with the same
/// delivery id), never a gap. Its own cluster, because killing a silo would disturb the shared tenant cluster.
/// </summary>
public sealed class SubscriptionFailoverTests
{
    private const string OperatorKey = "operator-key-failover-5a2d";

    [Fact]
    public async Task A_silo_killed_mid_delivery_loses_no_event_and_duplicates_carry_the_same_delivery_id()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Api__OperatorKeys__0"] = OperatorKey,
            ["Tenants__RefreshInterval"] = "00:00:00.500",
            ["Api__FailedAttemptLimit"] = "100000",
            ["Subscriptions__FirstRetryDelay"] = "00:00:00.200",
            ["Subscriptions__MaxRetryDelay"] = "00:00:01",
            ["Subscriptions__CursorFlushInterval"] = "00:00:01",
            ["Subscriptions__RouteRefreshInterval"] = "00:00:00.300",
            ["Subscriptions__SweepInterval"] = "00:00:01",
            ["Subscriptions__RecoveryMargin"] = "00:00:20",
        };
        await using var cluster = await LocalCluster.StartAsync(silos: 2, extraSettings: settings);
        await using var receiver = await SubscriptionReceiver.StartAsync();
        using var operatorClient = Client(cluster, OperatorKey);
        var tenantId = (await ApiJson.ReadAsync(await operatorClient.PostAsync("/api/v1/admin/tenants", ApiJson.Content("""{ "name": "Failover" }""")), HttpStatusCode.Created)).GetProperty("id").GetString();
        var phoneNumberId = TextWebhooks.NewPhoneNumberId();
        await ApiJson.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/tenants/{tenantId}/numbers", ApiJson.Content(JsonSerializer.Serialize(new { phoneNumberId, businessAccountId = "waba" + phoneNumberId }))), HttpStatusCode.Created);
        var key = (await ApiJson.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/tenants/{tenantId}/keys", ApiJson.Content("""{ "role": "admin" }""")), HttpStatusCode.Created)).GetProperty("key").GetString()!;
        using var admin = Client(cluster, key);
        await TenantClusterFixture.UntilAsync(async () => (await admin.GetAsync("/api/v1/subscriptions")).StatusCode == HttpStatusCode.OK);
        var created = await ApiJson.ReadAsync(await admin.PostAsync("/api/v1/subscriptions", ApiJson.Content(JsonSerializer.Serialize(new { url = receiver.Url, events = new[] { "message.received" } }))), HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;

        var customers = Enumerable.Range(0, 8).Select(_ => TextWebhooks.NewWaId()).ToList();
        const int PerCustomer = 4;
        for (var i = 1; i <= PerCustomer; i++)
        {
            if (i == 3)
            {
                await cluster.KillSiloAsync(1);
            }

            foreach (var waId in customers)
            {
                var body = TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.{i}", $"message {i}", DateTimeOffset.UtcNow)]);
                // As Meta does: anything but a 200 (a 503 while the cluster notices the dead silo) is sent again.
                await TenantClusterFixture.UntilAsync(async () =>
                {
                    using var posted = await cluster.PostWebhookAsync(body);
                    return posted.StatusCode == HttpStatusCode.OK;
                }, seconds: 120);
            }
        }

        await TenantClusterFixture.UntilAsync(
            () => Task.FromResult(customers.TrueForAll(waId => receiver.Acknowledged.Where(received => received.ContactId == waId).Select(received => received.Id).Distinct().Count() >= PerCustomer)),
            seconds: 180);

        Assert.All(receiver.Attempts, attempt => Assert.True(SubscriptionReceiver.Verifies(secret, attempt.Signature, attempt.Body), "the signature verifies"));
        foreach (var waId in customers)
        {
            var delivered = receiver.Acknowledged.Where(received => received.ContactId == waId).ToList();
            // Duplicates are allowed, but one position in the log always has one delivery id.
            Assert.All(delivered.GroupBy(received => received.Version), same => Assert.Single(same.Select(received => received.Id).Distinct()));
            var texts = delivered.DistinctBy(received => received.Id).OrderBy(received => received.Version).Select(received => received.Json.GetProperty("data").GetRawText()).ToList();
            Assert.Equal(PerCustomer, texts.Count);
            for (var i = 1; i <= PerCustomer; i++)
            {
                Assert.Contains($"message {i}", texts[i - 1], StringComparison.Ordinal);
            }
        }
    }

    private static HttpClient Client(LocalCluster cluster, string key)
    {
        var client = cluster.CreateClient(authenticated: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
