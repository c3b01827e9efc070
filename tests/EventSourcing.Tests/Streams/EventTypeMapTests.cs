using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;

namespace WaApp.EventSourcing.Tests.Streams;

public sealed class EventTypeMapTests
{
    private static readonly JsonSerializerOptions Json = new EventSourcedStreamOptions().SerializerOptions;

    [Fact]
    public void An_event_type_without_an_alias_fails_at_first_use()
    {
        var streams = new EventSourcedStreamFactory(new UnusedStore(), Options.Create(new EventSourcedStreamOptions()), new KnownStreams(Options.Create(new EventSourcedStreamOptions())), NullLoggerFactory.Instance);

        var error = Assert.Throws<InvalidOperationException>(() => streams.Create<CounterState, UnnamedEvent>("x/1", (_, _) => { }));

        Assert.Contains(nameof(WithoutAlias), error.Message, StringComparison.Ordinal);
        Assert.Contains("[Alias", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_are_stored_under_their_alias_and_read_back_as_their_type()
    {
        var map = EventTypeMap<CounterEvent>.Instance;

        var stored = map.Serialize(new Incremented(3), Json);

        Assert.Equal("test.counter.incremented", stored.TypeName);
        Assert.Equal(new Incremented(3), map.Deserialize(stored, Json));
        Assert.Equal(["test.counter.incremented", "test.counter.reset"], map.Names.Order());
    }

    [Fact]
    public void An_unknown_type_name_or_unreadable_json_is_reported_as_corruption()
    {
        var map = EventTypeMap<CounterEvent>.Instance;

        var unknown = Assert.Throws<EventStreamCorruptedException>(() => map.Deserialize(new StoredEvent("test.counter.renamed-away", "{}"), Json));
        var unreadable = Assert.Throws<EventStreamCorruptedException>(() => map.Deserialize(new StoredEvent("test.counter.incremented", "{"), Json));

        Assert.Contains("test.counter.renamed-away", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("test.counter.incremented", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("test.counter.incremented", unreadable.Message, StringComparison.Ordinal);
    }

    // The type map is checked before the store is ever used.
    private sealed class UnusedStore : IEventStore
    {
        public Task<AppendResult> AppendAsync(
            string streamId, int expectedVersion, IReadOnlyList<StoredEvent> events, Guid batchId, AppendAttempt attempt, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<EventStreamPage> ReadAsync(string streamId, int fromVersion, int maxEvents, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<StreamTail> ReadTailAsync(string streamId, int maxCommits, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
