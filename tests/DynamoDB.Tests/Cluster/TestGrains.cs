using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using WaApp.DynamoDB.EventStore;
using WaApp.DynamoDB.Tests.EventStore;

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
[LogConsistencyProvider(ProviderName = EventSourcingConstants.LogConsistencyProviderName)]
public sealed class AccountGrain(IEventSourcedStreamFactory streams)
    : JournaledGrain<AccountState, AccountEvent>, IAccountGrain, ICustomStorageInterface<AccountState, AccountEvent>
{
    private readonly Guid _activationId = Guid.NewGuid();
    private EventSourcedStream<AccountState, AccountEvent> _stream = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stream = streams.Create<AccountState, AccountEvent>($"account/{this.GetPrimaryKeyString()}", (s, e) => s.Apply(e));
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task Deposit(int amount)
    {
        RaiseEvent(new Deposited(amount));
        await ConfirmEvents();
    }

    public Task<(int Version, int Balance)> GetBalance() => Task.FromResult((Version, State.Balance));

    public async Task<int[]> GetHistory(int fromVersion) =>
        (await _stream.ReadEventsAsync(fromVersion, 1000)).Select(e => ((Deposited)e.Event).Amount).ToArray();

    public Task<KeyValuePair<int, AccountState>> ReadStateFromStorage() => _stream.ReadStateFromStorageAsync();

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<AccountEvent> updates, int expectedVersion) =>
        _stream.ApplyUpdatesToStorageAsync(updates, expectedVersion, State);

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected override void TransitionState(AccountState state, AccountEvent @event) => state.Apply(@event);
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
