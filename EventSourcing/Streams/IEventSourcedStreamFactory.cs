namespace WaApp.EventSourcing.Streams;

/// <summary>Creates the storage side of an event-sourced grain.</summary>
public interface IEventSourcedStreamFactory
{
    /// <summary>
    /// A stream for <paramref name="streamId"/> (e.g. <c>"conversation/{key}"</c>) whose state is rebuilt with
    /// <paramref name="apply"/>. Fails at once if an event type of <typeparamref name="TEvent"/> has no [Alias].
    /// </summary>
    EventSourcedStream<TState, TEvent> Create<TState, TEvent>(string streamId, Action<TState, TEvent> apply)
        where TState : class, new()
        where TEvent : class;
}
