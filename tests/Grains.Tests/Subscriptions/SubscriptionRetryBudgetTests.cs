using System.Globalization;
using System.Security.Cryptography;
using Orleans.Core.Internal;
using Orleans.TestingHost;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.TestInfrastructure;

namespace WaApp.Grains.Tests.Subscriptions;

/// <summary>
/// A dispatcher restarted while it retries an event keeps the retry budget it had: the time of the first failure is
/// written with its cursors, so a subscription whose receiver stays down pauses a budget after the first failure, not
/// a budget after the restart. Its own cluster, because it needs a short budget.
/// </summary>
public sealed class SubscriptionRetryBudgetTests : IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private DynamoDBServer? _dynamo;
    private TestCluster? _cluster;

    private IGrainFactory Grains => _cluster!.GrainFactory;

    public async Task InitializeAsync()
    {
        _dynamo = await DynamoDBServer.StartAsync();
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties["DynamoDB:Service"] = _dynamo.ServiceUrl;
        builder.Properties["DynamoDB:TablePrefix"] = DynamoDBServer.UniqueTablePrefix("budget");
        builder.Properties["Subscriptions:RetryBudget"] = Budget.ToString("c", CultureInfo.InvariantCulture);
        builder.Properties["Subscriptions:FirstRetryDelay"] = "00:00:00.200";
        builder.Properties["Subscriptions:MaxRetryDelay"] = "00:00:01";
        builder.Properties["Subscriptions:CursorFlushInterval"] = "00:00:00.200";
        builder.Properties["Subscriptions:RouteRefreshInterval"] = "00:00:00.200";
        builder.Properties["Subscriptions:SweepInterval"] = "00:00:01";
        builder.AddSiloBuilderConfigurator<ClusterFixture.DynamoDBSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task A_dispatcher_deactivated_mid_retry_pauses_a_budget_after_the_first_failure_not_after_the_restart()
    {
        var registry = Grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);
        var tenant = await registry.CreateTenantAsync("Budget");
        var businessAccountId = "1" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999);
        await registry.AddNumberAsync(tenant.Id, new TenantNumberRegistration("2" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999), businessAccountId, null));
        var subscriptionId = "sub_budget" + RandomNumberGenerator.GetHexString(8, lowercase: true);

        // Nothing listens on the discard port: every attempt fails, as with a receiver that is down.
        await registry.AddSubscriptionAsync(tenant.Id, new SubscriptionRegistration(
            subscriptionId, "http://127.0.0.1:9/hook", [SubscriptionEventTypes.TemplateStatus], "whsec_budget_test_secret", DateTimeOffset.UtcNow.AddSeconds(-1)));
        var subscription = Grains.GetGrain<ISubscriptionGrain>(subscriptionId);
        await subscription.WakeAsync();

        // Meta's message_template_status_update value, as in its webhook reference.
        const string Approved = """{"event":"APPROVED","message_template_id":594425479261596,"message_template_name":"order_update","message_template_language":"en_US","reason":"NONE"}""";
        await Grains.GetGrain<IBusinessAccountGrain>(businessAccountId).RecordAsync(
            [new BusinessNotice("message_template_status_update", "APPROVED", DateTimeOffset.UtcNow, null, "order_update", null, Approved)]);

        // Half the budget of failures, then the dispatcher goes away (as when its silo restarts) and comes back.
        var firstFailure = DateTimeOffset.MinValue;
        await EventuallyAsync(async () =>
        {
            var attempts = await subscription.GetDeliveriesAsync();
            firstFailure = attempts.Count > 0 ? attempts.Min(attempt => attempt.AttemptedAt) : DateTimeOffset.MinValue;
            return attempts.Count > 0 && DateTimeOffset.UtcNow - firstFailure >= Budget / 2;
        }, TimeSpan.FromSeconds(60));
        Assert.All(await subscription.GetDeliveriesAsync(), attempt => Assert.Null(attempt.StatusCode));
        var restartedAt = DateTimeOffset.UtcNow;
        await subscription.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await EventuallyAsync(async () => (await subscription.GetDeliveriesAsync()).Any(attempt => attempt.AttemptedAt > restartedAt && attempt.Attempt == 1), TimeSpan.FromSeconds(30));

        // It pauses when the budget counted from the first failure runs out: before a budget counted from the
        // restart could have (that one would end no earlier than restartedAt + Budget).
        SubscriptionStatus status = null!;
        await EventuallyAsync(async () => (status = await subscription.GetStatusAsync()).State == "paused", Budget * 3);
        Assert.True(status.PausedAt < restartedAt + Budget, $"first failure {firstFailure:O}, restart {restartedAt:O}, paused {status.PausedAt:O}");
        Assert.Contains("was not acknowledged", status.PausedReason, StringComparison.Ordinal);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {timeout}.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_dynamo is not null)
        {
            await _dynamo.DisposeAsync();
        }
    }
}
