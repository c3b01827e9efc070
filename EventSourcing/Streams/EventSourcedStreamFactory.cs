using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.EventSourcing.Storage;

namespace WaApp.EventSourcing.Streams;

public sealed class EventSourcedStreamFactory(IEventStore store, IOptions<EventSourcedStreamOptions> options, KnownStreams known, ILoggerFactory loggerFactory)
    : IEventSourcedStreamFactory
{
    public EventSourcedStream<TState, TEvent> Create<TState, TEvent>(string streamId, Action<TState, TEvent> apply)
        where TState : class, new()
        where TEvent : class
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(apply);
        return new EventSourcedStream<TState, TEvent>(
            streamId, apply, store, EventTypeMap<TEvent>.Instance, options.Value, known, loggerFactory.CreateLogger<EventSourcedStream<TState, TEvent>>());
    }
}
