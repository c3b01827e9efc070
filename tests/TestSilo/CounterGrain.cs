using Orleans.Placement;
using Orleans.Runtime;

namespace WaApp.TestSilo;

[Alias("testsilo.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Increment")]
    Task<int> Increment();

    [Alias("Get")]
    Task<int> Get();

    /// <summary>The silo port of the process that hosts this activation.</summary>
    [Alias("SiloPort")]
    Task<int> SiloPort();
}

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}

/// <summary>Random placement so that grains spread over every silo.</summary>
[RandomPlacement]
public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> counter,
    ILocalSiloDetails silo) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Value);

    public Task<int> SiloPort() => Task.FromResult(silo.SiloAddress.Endpoint.Port);
}
