using Amazon.DynamoDBv2.Model;
using Orleans.Runtime;
using Orleans.Storage;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;

namespace WaApp.DynamoDB.Tests.Cluster;

/// <summary>Grains on two silos using our providers end to end (membership, grain storage, JournaledGrain CustomStorage).</summary>
public sealed class ProvidersInTestClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Both_silos_are_active_members_in_the_DynamoDB_membership_table()
    {
        var hosts = await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(2, hosts.Count);
        using var client = fixture.Server.CreateClient();
        var item = await client.GetItemAsync(new GetItemRequest
        {
            TableName = fixture.TablePrefix + DynamoDBClusteringOptions.DefaultTableName,
            Key = new()
            {
                [MembershipAttributes.DeploymentId] = new(fixture.Cluster.Options.ClusterId),
                [MembershipAttributes.SiloIdentity] = new(MembershipAttributes.VersionRowKey),
            },
            ConsistentRead = true,
        });
        Assert.Equal(2, item.Item[MembershipAttributes.Silos].M.Count);
    }

    [Fact]
    public async Task A_journaled_grain_rebuilds_its_state_from_snapshot_and_events_after_deactivation()
    {
        var account = fixture.Cluster.Client.GetGrain<IAccountGrain>("acc-" + Guid.NewGuid().ToString("N"));
        for (var i = 1; i <= 12; i++)
        {
            await account.Deposit(i);
        }

        var before = await account.ActivationId();
        await account.Deactivate();
        var (version, balance) = await account.GetBalance();

        Assert.NotEqual(before, await account.ActivationId());

        Assert.Equal(12, version);
        Assert.Equal(78, balance);
        var history = await account.GetHistory(10);
        Assert.Equal([11, 12], history);
        await account.Deposit(100);
        Assert.Equal((13, 178), await account.GetBalance());
    }

    [Fact]
    public async Task A_commit_whose_response_was_lost_is_confirmed_once_by_the_JournaledGrain()
    {
        var account = fixture.Cluster.Client.GetGrain<IAccountGrain>("lost-" + Guid.NewGuid().ToString("N"));
        await account.Deposit(1);

        LostResponseEventStore.LoseNextAppendResponse();
        await account.Deposit(10);
        await account.Deposit(100);

        Assert.Equal((3, 111), await account.GetBalance());
        await account.Deactivate();
        Assert.Equal((3, 111), await account.GetBalance());
        var history = await account.GetHistory(0);
        Assert.Equal([1, 10, 100], history);
    }

    [Fact]
    public async Task Grain_state_survives_deactivation_and_a_changed_etag_surfaces_as_InconsistentStateException()
    {
        var key = "p-" + Guid.NewGuid().ToString("N");
        var profile = fixture.Cluster.Client.GetGrain<IProfileGrain>(key);
        await profile.SetName("Ana");
        await profile.Deactivate();
        Assert.Equal("Ana", await profile.GetName());

        using var client = fixture.Server.CreateClient();
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.TablePrefix + DynamoDBStorageOptions.DefaultTableName,
            Key = new()
            {
                [GrainStateAttributes.GrainReference] = new("_profile/" + key),
                [GrainStateAttributes.GrainType] = new("profile"),
            },
            UpdateExpression = "SET ETag = ETag + :one",
            ExpressionAttributeValues = new() { [":one"] = new() { N = "1" } },
        });

        await Assert.ThrowsAsync<InconsistentStateException>(() => profile.SetName("Bea"));
        Assert.Equal("Ana", await profile.GetName());
        await profile.SetName("Cy");
        Assert.Equal("Cy", await profile.GetName());
    }
}
