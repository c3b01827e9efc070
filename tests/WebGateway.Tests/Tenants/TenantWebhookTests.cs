using System.Net;
using System.Text.Json;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;

namespace WaApp.WebGateway.Tests.Tenants;

[Collection(TenantClusterCollection.Name)]
public sealed class TenantWebhookTests(TenantClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_webhook_signed_with_a_tenants_app_secret_is_stored_and_one_signed_with_an_unknown_secret_is_refused()
    {
        var tenant = await fixture.NewTenantAsync();
        var phoneNumberId = TextWebhooks.NewPhoneNumberId();
        const string AppSecret = "tenant-app-secret-5f1e";
        using var operatorClient = fixture.Client(TenantClusterFixture.OperatorKey);
        var number = JsonSerializer.Serialize(new { phoneNumberId, businessAccountId = "waba" + phoneNumberId, appSecret = AppSecret });
        var registered = await ApiJson.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/tenants/{tenant.TenantId}/numbers", ApiJson.Content(number)), HttpStatusCode.Created);
        Assert.DoesNotContain(AppSecret, registered.GetRawText(), StringComparison.Ordinal);

        var waId = TextWebhooks.NewWaId();
        var body = TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", DateTimeOffset.UtcNow)]);
        using (var forged = await _cluster.PostWebhookAsync(body, WebhookFixtures.Sign(body, "not-a-registered-secret")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        // The gateway learns the new app secret with its next refresh of the directory.
        await TenantClusterFixture.UntilAsync(async () =>
        {
            using var signed = await _cluster.PostWebhookAsync(body, WebhookFixtures.Sign(body, AppSecret));
            return signed.StatusCode == HttpStatusCode.OK;
        });
        using var client = fixture.Client(tenant.Key);
        await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/conversations/{phoneNumberId}/{waId}"), HttpStatusCode.OK);
    }
}
