using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Runtime;
using WaApp.DynamoDB.Membership;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.DynamoDB.Tests.Support;
using WaApp.TestInfrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace WaApp.DynamoDB.Tests.Membership;

/// <summary>The contract of Orleans' MembershipTableTestsBase, against our one-protocol-item layout.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class MembershipTableContractTests(DynamoDBFixture fixture) : IAsyncLifetime
{
    private static readonly DynamoDBClientProvider Clients = new();
    private readonly string _tableName = DynamoDBServer.UniqueTablePrefix("mb") + DynamoDBClusteringOptions.DefaultTableName;
    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    private DynamoDBMembershipTable _table = null!;
    private int _nextPort = 20_000;

    public async Task InitializeAsync()
    {
        _table = CreateTable(_clusterId);
        await _table.InitializeMembershipTableAsync(true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_cluster_has_version_zero_and_no_rows_even_when_initialized_twice()
    {
        await CreateTable(_clusterId).InitializeMembershipTableAsync(true);

        var data = await _table.ReadAllAsync();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task Inserted_row_is_read_back_with_the_new_version()
    {
        var entry = NewEntry(SiloStatus.Joining);
        entry.SuspectTimes = [Tuple.Create(NewEntry(SiloStatus.Active).SiloAddress, new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc))];
        var before = await _table.ReadAllAsync();

        Assert.True(await _table.InsertRowAsync(entry, before.Version.Next()));

        var data = await _table.ReadRowAsync(entry.SiloAddress);
        var (stored, etag) = Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, data.Version.VersionEtag);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(entry.ProxyPort, stored.ProxyPort);
        Assert.Equal(entry.HostName, stored.HostName);
        Assert.Equal(entry.SiloName, stored.SiloName);
        Assert.Equal(entry.StartTime, stored.StartTime);
        Assert.Equal(entry.IAmAliveTime, stored.IAmAliveTime);
        Assert.Equal(entry.SuspectTimes, stored.SuspectTimes);
    }

    [Fact]
    public async Task Inserting_an_existing_row_or_with_a_stale_version_fails_and_changes_nothing()
    {
        var entry = NewEntry(SiloStatus.Joining);
        var start = await _table.ReadAllAsync();
        Assert.True(await _table.InsertRowAsync(entry, start.Version.Next()));
        var afterInsert = await _table.ReadAllAsync();

        Assert.False(await _table.InsertRowAsync(entry, afterInsert.Version.Next()));
        Assert.False(await _table.InsertRowAsync(NewEntry(SiloStatus.Joining), start.Version.Next()));
        Assert.False(await _table.InsertRowAsync(NewEntry(SiloStatus.Joining), new TableVersion(2, "not-a-number")));

        var data = await _table.ReadAllAsync();
        Assert.Single(data.Members);
        Assert.Equal(afterInsert.Version, data.Version);
    }

    [Fact]
    public async Task Update_needs_both_the_row_etag_and_the_version_etag()
    {
        var entry = NewEntry(SiloStatus.Joining);
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        var read = await _table.ReadRowAsync(entry.SiloAddress);
        var rowEtag = read.Members[0].Item2;
        entry.Status = SiloStatus.Active;

        Assert.True(await _table.UpdateRowAsync(entry, rowEtag, read.Version.Next()));
        var updated = await _table.ReadRowAsync(entry.SiloAddress);

        Assert.Equal(SiloStatus.Active, updated.Members[0].Item1.Status);
        Assert.Equal(2, updated.Version.Version);
        Assert.NotEqual(rowEtag, updated.Members[0].Item2);
        entry.Status = SiloStatus.Dead;
        Assert.False(await _table.UpdateRowAsync(entry, rowEtag, updated.Version.Next()));
        Assert.False(await _table.UpdateRowAsync(entry, updated.Members[0].Item2, read.Version.Next()));
        Assert.False(await _table.UpdateRowAsync(NewEntry(SiloStatus.Dead), "0", updated.Version.Next()));
        var final = await _table.ReadAllAsync();
        Assert.Equal(SiloStatus.Active, Assert.Single(final.Members).Item1.Status);
        Assert.Equal(updated.Version, final.Version);
    }

    [Fact]
    public async Task Concurrent_inserts_from_the_same_version_have_exactly_one_winner()
    {
        var version = (await _table.ReadAllAsync()).Version.Next();
        var entries = Enumerable.Range(0, 10).Select(_ => NewEntry(SiloStatus.Joining)).ToList();

        var results = await Task.WhenAll(entries.Select(e => Task.Run(() => _table.InsertRowAsync(e, version))));

        Assert.Single(results, r => r);
        var data = await _table.ReadAllAsync();
        var winner = Assert.Single(data.Members);
        Assert.Equal(entries[Array.IndexOf(results, true)].SiloAddress, winner.Item1.SiloAddress);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Concurrent_updates_of_the_same_row_have_exactly_one_winner_per_version()
    {
        var entry = NewEntry(SiloStatus.Joining);
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        for (var round = 0; round < 3; round++)
        {
            var read = await _table.ReadRowAsync(entry.SiloAddress);
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            {
                var copy = NewEntry(SiloStatus.Active, entry.SiloAddress);
                copy.UpdateZone = i + 1;
                return _table.UpdateRowAsync(copy, read.Members[0].Item2, read.Version.Next());
            })));

            Assert.Single(results, r => r);
            var after = await _table.ReadRowAsync(entry.SiloAddress);
            Assert.Equal(read.Version.Version + 1, after.Version.Version);
            Assert.Equal(Array.IndexOf(results, true) + 1, after.Members[0].Item1.UpdateZone);
        }
    }

    [Fact]
    public async Task IAmAlive_changes_the_alive_time_but_not_the_version_or_etags()
    {
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        var before = await _table.ReadRowAsync(entry.SiloAddress);
        var alive = entry.IAmAliveTime.AddSeconds(42);
        entry.IAmAliveTime = alive;

        await _table.UpdateIAmAliveAsync(entry);

        var after = await _table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(alive, after.Members[0].Item1.IAmAliveTime);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, after.Members[0].Item2);
        Assert.Single((await _table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task Cleanup_removes_only_defunct_rows()
    {
        var now = DateTime.UtcNow;
        var oldDead = NewEntry(SiloStatus.Dead, alive: now.AddDays(-8));
        var oldActive = NewEntry(SiloStatus.Active, alive: now.AddDays(-8));
        var recentDead = NewEntry(SiloStatus.Dead, alive: now.AddMinutes(-1));
        var oldDeadButAliveRecently = NewEntry(SiloStatus.Dead, alive: now.AddDays(-8));
        foreach (var entry in new[] { oldDead, oldActive, recentDead, oldDeadButAliveRecently })
        {
            Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        }

        oldDeadButAliveRecently.IAmAliveTime = now.AddMinutes(-2);
        await _table.UpdateIAmAliveAsync(oldDeadButAliveRecently);

        await _table.CleanupDefunctSiloEntriesAsync(now.AddDays(-7));

        var left = (await _table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new[] { oldActive, recentDead, oldDeadButAliveRecently }.Select(e => e.SiloAddress).ToHashSet(), left);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_all_its_items_and_leaves_other_clusters()
    {
        var other = CreateTable(_clusterId + "-other");
        await other.InitializeMembershipTableAsync(true);
        Assert.True(await other.InsertRowAsync(NewEntry(SiloStatus.Active), (await other.ReadAllAsync()).Version.Next()));
        for (var i = 0; i < 30; i++)
        {
            var entry = NewEntry(SiloStatus.Active);
            Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
            await _table.UpdateIAmAliveAsync(entry);
        }

        await _table.DeleteMembershipTableEntriesAsync(_clusterId);

        var gone = await _table.ReadAllAsync();
        Assert.Empty(gone.Members);
        Assert.Equal(0, gone.Version.Version);
        Assert.Single((await other.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task Gateway_list_holds_active_silos_with_a_proxy_port()
    {
        var gateway = NewEntry(SiloStatus.Active);
        var joining = NewEntry(SiloStatus.Joining);
        var noProxy = NewEntry(SiloStatus.Active);
        noProxy.ProxyPort = 0;
        var dead = NewEntry(SiloStatus.Dead);
        foreach (var entry in new[] { gateway, joining, noProxy, dead })
        {
            Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        }

        var provider = new DynamoDBGatewayListProvider(
            MsOptions.Create(new DynamoDBGatewayOptions { Service = fixture.ServiceUrl, TableName = _tableName }),
            MsOptions.Create(new ClusterOptions { ClusterId = _clusterId }),
            MsOptions.Create(new GatewayOptions()),
            Clients);
        await provider.InitializeGatewayListProviderAsync();

        var gateways = await provider.GetGatewaysAsync();

        var expected = SiloAddress.New(gateway.SiloAddress.Endpoint.Address, gateway.ProxyPort, gateway.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal([expected], gateways);
    }

    private DynamoDBMembershipTable CreateTable(string clusterId) => new(
        MsOptions.Create(new DynamoDBClusteringOptions { Service = fixture.ServiceUrl, TableName = _tableName }),
        MsOptions.Create(new ClusterOptions { ClusterId = clusterId }),
        Clients,
        NullLogger<DynamoDBMembershipTable>.Instance);

    private MembershipEntry NewEntry(SiloStatus status, SiloAddress? address = null, DateTime? alive = null)
    {
        var port = Interlocked.Increment(ref _nextPort);
        var now = DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = address ?? SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 12345 + port),
            Status = status,
            ProxyPort = port + 1000,
            HostName = "host-" + port,
            SiloName = "silo-" + port,
            StartTime = now.AddMinutes(-5),
            IAmAliveTime = alive ?? now,
            SuspectTimes = [],
        };
    }
}
