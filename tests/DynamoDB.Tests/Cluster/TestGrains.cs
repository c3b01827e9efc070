using WaApp.DynamoDB.Tests.EventStore;
using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;

namespace WaApp.DynamoDB.Tests.Cluster;

[Alias("test.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("Deposit")]
    Task Deposit(int amount);

    [Alias("GetBalance")]
    Task<(int Version, int Balance)> GetBalance();

    [Alias("GetHistory")]
    Task<int[]> GetHistory(int fromVersion);

    [Alias("ActivationId")]
    Task<Guid> ActivationId();

    [Alias("Deactivate")]
    Task Deactivate();
}

/// <summary>An event-sourced grain wired exactly like the production ConversationGrain.</summary>
public sealed class AccountGrain(IEventSourcedStreamFactory streams)
    : EventSourcedGrain<AccountState, AccountEvent>(streams, TimeProvider.System), IAccountGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task Deposit(int amount)
    {
        Raise(new Deposited(amount));
        await ConfirmEvents();
    }

    public Task<(int Version, int Balance)> GetBalance() => Task.FromResult((Version, State.Balance));

    public async Task<int[]> GetHistory(int fromVersion) =>
        (await Stream.ReadEventsAsync(fromVersion, 1000)).Select(e => ((Deposited)e.Event).Amount).ToArray();

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected override string StreamKind => "account";

    // The test events carry no recorded-at time.
    protected override AccountEvent Stamp(AccountEvent @event, DateTimeOffset recordedAt) => @event;
}

[Alias("test.IProfileGrain")]
public interface IProfileGrain : IGrainWithStringKey
{
    [Alias("SetName")]
    Task SetName(string name);

    [Alias("GetName")]
    Task<string> GetName();

    [Alias("WhereAmI")]
    Task<string> WhereAmI();

    [Alias("Deactivate")]
    Task Deactivate();
}

[GenerateSerializer]
public sealed class ProfileState
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;
}

public sealed class ProfileGrain([PersistentState("profile", ClusterTestSilo.StorageName)] IPersistentState<ProfileState> profile)
    : Grain, IProfileGrain
{
    public async Task SetName(string name)
    {
        profile.State.Name = name;
        await profile.WriteStateAsync();
    }

    public Task<string> GetName() => Task.FromResult(profile.State.Name);

    public Task<string> WhereAmI() => Task.FromResult(RuntimeIdentity);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
