namespace WaApp.EventSourcing.Tests.Streams;

public abstract record CounterEvent;

[GenerateSerializer, Immutable, Alias("test.counter.incremented")]
public sealed record Incremented(int By) : CounterEvent;

[GenerateSerializer, Immutable, Alias("test.counter.reset")]
public sealed record Reset : CounterEvent;

public sealed class CounterState
{
    public int Value { get; set; }
}

public abstract record UnnamedEvent;

/// <summary>Deliberately without [Alias]: using this event family must fail clearly.</summary>
public sealed record WithoutAlias(int Value) : UnnamedEvent;
