using System.Net;
using System.Net.Http.Headers;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;
using WaApp.WebGateway.Tests.Security;

namespace WaApp.WebGateway.Tests.Tenants;

[Collection(TenantClusterCollection.Name)]
public sealed class TenantAdminTests(TenantClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_revoked_key_is_refused_by_every_gateway_within_seconds_and_its_last_use_was_visible()
    {
        var tenant = await fixture.NewTenantAsync(role: "agent");
        await using var second = new InProcessGateway(_cluster.Settings);
        using var viaSecond = second.CreateClient();
        viaSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);
        using var viaFirst = fixture.Client(tenant.Key);
        var path = $"/api/v1/businesses/{tenant.PhoneNumberId}/settings";
        await TenantClusterFixture.UntilAsync(async () => (await viaSecond.GetAsync(path)).StatusCode == HttpStatusCode.OK);
        await ApiJson.ReadAsync(await viaFirst.GetAsync(path), HttpStatusCode.OK);

        using var operatorClient = fixture.Client(TenantClusterFixture.OperatorKey);
        var keys = $"/api/v1/admin/tenants/{tenant.TenantId}/keys";
        await TenantClusterFixture.UntilAsync(async () =>
        {
            var listed = await ApiJson.ReadAsync(await operatorClient.GetAsync(keys), HttpStatusCode.OK);
            return listed.EnumerateArray().Any(key => key.GetProperty("id").GetString() == tenant.KeyId && key.GetProperty("lastUsedAt").ValueKind != System.Text.Json.JsonValueKind.Null);
        });
        var listedKeys = await ApiJson.ReadAsync(await operatorClient.GetAsync(keys), HttpStatusCode.OK);
        Assert.DoesNotContain(tenant.Key, listedKeys.GetRawText(), StringComparison.Ordinal);

        using var revoked = await operatorClient.DeleteAsync($"{keys}/{tenant.KeyId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await TenantClusterFixture.UntilAsync(async () => (await viaFirst.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized, seconds: 15);
        await TenantClusterFixture.UntilAsync(async () => (await viaSecond.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized, seconds: 15);
    }

    [Fact]
    public async Task A_tenant_admin_key_manages_its_own_tenant_and_nothing_else()
    {
        var tenant = await fixture.NewTenantAsync(role: "admin");
        using var admin = fixture.Client(tenant.Key);
        var created = await ApiJson.ReadAsync(await admin.PostAsync($"/api/v1/admin/tenants/{tenant.TenantId}/keys", ApiJson.Content($$"""{ "role": "read-only", "phoneNumberIds": ["{{tenant.PhoneNumberId}}"] }""")), HttpStatusCode.Created);
        Assert.StartsWith("waapp_", created.GetProperty("key").GetString(), StringComparison.Ordinal);

        using var refused = await admin.PostAsync("/api/v1/admin/tenants", ApiJson.Content("""{ "name": "mine now" }"""));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var tenantView = await ApiJson.ReadAsync(await admin.GetAsync($"/api/v1/admin/tenants/{tenant.TenantId}"), HttpStatusCode.OK);
        Assert.DoesNotContain("EAAG-token", tenantView.GetRawText(), StringComparison.Ordinal);
        Assert.True(tenantView.GetProperty("numbers")[0].GetProperty("hasAccessToken").GetBoolean());

        var agent = await fixture.NewTenantAsync(role: "agent");
        using var agentClient = fixture.Client(agent.Key);
        using var agentAdmin = await agentClient.GetAsync($"/api/v1/admin/tenants/{agent.TenantId}");
        Assert.Equal(HttpStatusCode.Forbidden, agentAdmin.StatusCode);

        using var settingsKey = _cluster.CreateClient();
        using var settingsAdmin = await settingsKey.GetAsync("/api/v1/admin/tenants");
        Assert.Equal(HttpStatusCode.Forbidden, settingsAdmin.StatusCode);
        using var operatorClient = fixture.Client(TenantClusterFixture.OperatorKey);
        using var operatorReads = await operatorClient.GetAsync("/api/v1/businesses");
        Assert.Equal(HttpStatusCode.Forbidden, operatorReads.StatusCode);
    }

    [Theory]
    [InlineData("", """{ "name": "" }""", "name")]
    [InlineData("/numbers", """{ "phoneNumberId": "12 34", "businessAccountId": "1" }""", "phoneNumberId")]
    [InlineData("/numbers", """{ "phoneNumberId": "1234" }""", "businessAccountId")]
    [InlineData("/numbers", """{ "phoneNumberId": "1234", "businessAccountId": "1", "accessToken": "" }""", "accessToken")]
    [InlineData("/keys", """{ "role": "owner" }""", "role")]
    [InlineData("/keys", """{ "role": "agent", "phoneNumberIds": ["../x"] }""", "phoneNumberIds")]
    public async Task Bad_admin_input_is_a_400_naming_the_field(string suffix, string body, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        using var operatorClient = fixture.Client(TenantClusterFixture.OperatorKey);
        var path = suffix.Length == 0 ? "/api/v1/admin/tenants" : $"/api/v1/admin/tenants/{tenant.TenantId}{suffix}";
        var problem = await ApiJson.ReadAsync(await operatorClient.PostAsync(path, ApiJson.Content(body)), HttpStatusCode.BadRequest);
        Assert.Equal([field], ApiJson.ErrorFields(problem));
    }

    [Fact]
    public async Task A_number_belongs_to_one_tenant_only()
    {
        var (a, b) = (await fixture.NewTenantAsync(), await fixture.NewTenantAsync());
        using var operatorClient = fixture.Client(TenantClusterFixture.OperatorKey);
        using var taken = await operatorClient.PostAsync(
            $"/api/v1/admin/tenants/{b.TenantId}/numbers",
            ApiJson.Content($$"""{ "phoneNumberId": "{{a.PhoneNumberId}}", "businessAccountId": "1" }"""));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }
}
