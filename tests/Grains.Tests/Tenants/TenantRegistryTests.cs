using System.Text;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.Grains.Tenants;

namespace WaApp.Grains.Tests.Tenants;

[Collection(ClusterCollection.Name)]
public sealed class TenantRegistryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_access_token_is_stored_sealed_and_given_back_only_to_the_sender()
    {
        var registry = fixture.Grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);
        var tenant = await registry.CreateTenantAsync("Acme");
        var phoneNumberId = "1" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999);
        var token = $"EAAG-secret-{Guid.NewGuid():N}";
        var change = await registry.AddNumberAsync(tenant.Id, new TenantNumberRegistration(phoneNumberId, "waba-1", token));

        Assert.Equal(TenantChangeOutcome.Applied, change.Outcome);
        Assert.Equal(token, await registry.GetAccessTokenAsync(phoneNumberId));
        var details = await registry.GetTenantAsync(tenant.Id);
        Assert.True(Assert.Single(details!.Numbers).HasAccessToken);

        using var store = fixture.Dynamo.CreateClient();
        var items = await store.ScanAsync(new ScanRequest { TableName = fixture.GrainStateTable });
        var stored = items.Items.Select(item => item.TryGetValue("GrainState", out var value) && value.B is { } bytes ? Encoding.UTF8.GetString(bytes.ToArray()) : "").ToList();
        Assert.Contains(stored, state => state.Contains(phoneNumberId, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, state => state.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_number_belongs_to_one_tenant_and_a_revoked_key_leaves_the_directory()
    {
        var registry = fixture.Grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);
        var (a, b) = (await registry.CreateTenantAsync("A"), await registry.CreateTenantAsync("B"));
        var phoneNumberId = "2" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999);
        await registry.AddNumberAsync(a.Id, new TenantNumberRegistration(phoneNumberId, "waba-a", null));
        Assert.Equal(TenantChangeOutcome.OwnedByAnotherTenant, (await registry.AddNumberAsync(b.Id, new TenantNumberRegistration(phoneNumberId, "waba-b", null))).Outcome);

        await registry.AddKeyAsync(a.Id, new TenantKeyRegistration("key_x1", [1, 2, 3], TenantKeyRoles.Agent, [], DateTimeOffset.UtcNow));
        var before = await registry.SyncAsync(-1, new Dictionary<string, DateTimeOffset>());
        Assert.Contains(before!.Keys, key => key.KeyId == "key_x1" && key.TenantId == a.Id);
        Assert.Equal(a.Id, before.NumberOwners[phoneNumberId]);
        Assert.Null(await registry.SyncAsync(before.Version, new Dictionary<string, DateTimeOffset>()));

        await registry.RevokeKeyAsync(a.Id, "key_x1");
        var after = await registry.SyncAsync(before.Version, new Dictionary<string, DateTimeOffset>());
        Assert.True(after!.Version > before.Version);
        Assert.DoesNotContain(after.Keys, key => key.KeyId == "key_x1");
    }

    [Fact]
    public void A_sealed_token_opens_only_for_its_number_and_its_key()
    {
        var protector = new AccessTokenProtector(Options.Create(new TenantOptions { TokenEncryptionKey = Convert.ToHexString(new byte[32]) }));
        var other = new AccessTokenProtector(Options.Create(new TenantOptions { TokenEncryptionKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) }));
        var sealedToken = protector.Seal("111", "EAAG-token");

        Assert.Equal("EAAG-token", protector.Open("111", sealedToken));
        Assert.Null(protector.Open("222", sealedToken));
        Assert.Null(other.Open("111", sealedToken));
        Assert.DoesNotContain("EAAG-token", Encoding.UTF8.GetString(sealedToken), StringComparison.Ordinal);
    }
}
