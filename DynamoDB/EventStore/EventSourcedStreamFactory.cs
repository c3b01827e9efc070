using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.DynamoDB.Options;

namespace WaApp.DynamoDB.EventStore;

public sealed class EventSourcedStreamFactory(IEventStore store, IOptions<DynamoDBEventStoreOptions> options, ILoggerFactory loggerFactory)
    : IEventSourcedStreamFactory
{
    public EventSourcedStream<TState, TEvent> Create<TState, TEvent>(string streamId, Action<TState, TEvent> apply)
        where TState : class, new()
        where TEvent : class
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(apply);
        var settings = new EventSourcedStreamSettings(options.Value.SerializerOptions, options.Value.SnapshotInterval, options.Value.ReadPageSize);
        return new EventSourcedStream<TState, TEvent>(
            streamId, apply, store, EventTypeMap<TEvent>.Instance, settings, loggerFactory.CreateLogger<EventSourcedStream<TState, TEvent>>());
    }
}

/// <summary>What a stream needs from the event store options.</summary>
public sealed record EventSourcedStreamSettings(System.Text.Json.JsonSerializerOptions SerializerOptions, int SnapshotInterval, int ReadPageSize);
