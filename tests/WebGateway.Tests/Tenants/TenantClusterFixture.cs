using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;

namespace WaApp.WebGateway.Tests.Tenants;

/// <summary>
/// A cluster of its own for tenant tests: once a tenant exists, webhooks for numbers no tenant owns are dropped, which
/// the other API tests (random numbers, settings key) must never see. Has an operator key.
/// </summary>
public sealed class TenantClusterFixture : IAsyncLifetime
{
    public const string OperatorKey = "operator-key-91c4e0";

    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await LocalCluster.StartAsync(silos: 1, extraSettings: new Dictionary<string, string?>
        {
            ["Api__OperatorKeys__0"] = OperatorKey,
            ["Tenants__RefreshInterval"] = "00:00:00.500",
            // Tests poll with keys a gateway learns (or forgets) a moment later: not what the guessing throttle is for.
            ["Api__FailedAttemptLimit"] = "100000",
            // Event subscriptions retry within seconds and pause after a few, so tests see both without long waits.
            ["Subscriptions__FirstRetryDelay"] = "00:00:00.100",
            ["Subscriptions__MaxRetryDelay"] = "00:00:00.500",
            ["Subscriptions__RetryBudget"] = "00:00:05",
            ["Subscriptions__CursorFlushInterval"] = "00:00:00.500",
            ["Subscriptions__RouteRefreshInterval"] = "00:00:00.300",
            ["Subscriptions__SweepInterval"] = "00:00:01",
            ["Subscriptions__RecoveryMargin"] = "00:00:10",
        });

    public HttpClient Client(string key)
    {
        var client = Cluster.CreateClient(authenticated: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A tenant owning one new number, with a key of <paramref name="role"/>; waits until the gateway's copy knows the key.</summary>
    public async Task<TenantSetup> NewTenantAsync(string role = "admin")
    {
        using var operatorClient = Client(OperatorKey);
        var tenant = await ApiJson.ReadAsync(await operatorClient.PostAsync("/api/v1/admin/tenants", ApiJson.Content("""{ "name": "Acme" }""")), HttpStatusCode.Created);
        var tenantId = tenant.GetProperty("id").GetString()!;
        var phoneNumberId = TextWebhooks.NewPhoneNumberId();
        var number = JsonSerializer.Serialize(new { phoneNumberId, businessAccountId = "waba" + phoneNumberId, accessToken = "EAAG-token-" + phoneNumberId });
        await ApiJson.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/tenants/{tenantId}/numbers", ApiJson.Content(number)), HttpStatusCode.Created);
        var key = await ApiJson.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/tenants/{tenantId}/keys", ApiJson.Content($$"""{ "role": "{{role}}" }""")), HttpStatusCode.Created);
        var setup = new TenantSetup(tenantId, phoneNumberId, key.GetProperty("id").GetString()!, key.GetProperty("key").GetString()!);
        using var client = Client(setup.Key);
        await UntilAsync(async () => (await client.GetAsync("/api/v1/businesses")).StatusCode == HttpStatusCode.OK);
        return setup;
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {seconds} s.");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

public sealed record TenantSetup(string TenantId, string PhoneNumberId, string KeyId, string Key);

[CollectionDefinition(Name)]
public sealed class TenantClusterCollection : ICollectionFixture<TenantClusterFixture>
{
    public const string Name = "tenant-cluster";
}
