using WaApp.DynamoDB.Tests.Support;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.EventStore;

[Collection(DynamoDBCollection.Name)]
public sealed class EventSourcedStreamTests(DynamoDBFixture fixture)
{
    private static readonly Action<AccountState, AccountEvent> Apply = (s, e) => s.Apply(e);

    [Fact]
    public async Task State_is_rebuilt_from_the_stored_events()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture);
        var stream = EventStoreFactory.Streams(store, options).Create("account/a", Apply);

        var (version, view) = await stream.ReadStateFromStorageAsync();
        Assert.Equal(0, version);
        Assert.True(await CommitAsync(stream, view, [new Deposited(10), new Deposited(5)], 0));
        Assert.True(await CommitAsync(stream, view, [new Deposited(1)], 2));

        var reread = await EventStoreFactory.Streams(store, options).Create("account/a", Apply).ReadStateFromStorageAsync();
        Assert.Equal(3, reread.Key);
        Assert.Equal(16, reread.Value.Balance);
        var history = await stream.ReadEventsAsync(1, 10);
        Assert.Equal([(1, (AccountEvent)new Deposited(5)), (2, new Deposited(1))], history);
    }

    [Fact]
    public async Task A_stale_writer_gets_false_and_nothing_is_written()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture);
        var first = EventStoreFactory.Streams(store, options).Create("account/b", Apply);
        var second = EventStoreFactory.Streams(store, options).Create("account/b", Apply);
        var firstView = (await first.ReadStateFromStorageAsync()).Value;
        var secondView = (await second.ReadStateFromStorageAsync()).Value;

        var results = await Task.WhenAll(
            CommitAsync(first, firstView, [new Deposited(1)], 0),
            CommitAsync(second, secondView, [new Deposited(2), new Deposited(3)], 0));

        Assert.Single(results, r => r);
        var state = await first.ReadStateFromStorageAsync();
        Assert.True(state.Value.Balance is 1 or 5);
        Assert.Equal(state.Value.Balance == 1 ? 1 : 2, state.Key);
    }

    [Fact]
    public async Task A_batch_resubmitted_after_a_lost_response_is_stored_once()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture);
        var faulty = new FaultyEventStore(store);
        var stream = EventStoreFactory.Streams(faulty, options).Create("account/c", Apply);
        var view = (await stream.ReadStateFromStorageAsync()).Value;
        Assert.True(await CommitAsync(stream, view, [new Deposited(100)], 0));
        var batch = new AccountEvent[] { new Deposited(7), new Deposited(8) };

        faulty.LoseNextAppendResponse = true;
        await Assert.ThrowsAsync<TimeoutException>(() => CommitAsync(stream, view, batch, 1));
        // What the JournaledGrain adaptor does next: re-read, then resubmit the pending batch at the version it read.
        var reread = await stream.ReadStateFromStorageAsync();
        var queuedMeanwhile = new Deposited(9);
        Assert.True(await CommitAsync(stream, reread.Value, [.. batch, queuedMeanwhile], reread.Key));

        var fresh = await EventStoreFactory.Streams(store, options).Create("account/c", Apply).ReadStateFromStorageAsync();
        Assert.Equal(4, fresh.Key);
        Assert.Equal(124, fresh.Value.Balance);
        Assert.Equal(reread.Key + 3, fresh.Key);
    }

    [Fact]
    public async Task Ten_thousand_events_read_back_in_order_and_replay_from_a_snapshot()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture, o => o.SnapshotInterval = 100);
        var writer = EventStoreFactory.Streams(store, options).Create("account/big", Apply);
        var view = (await writer.ReadStateFromStorageAsync()).Value;
        for (var version = 0; version < 10_000; version += 20)
        {
            var batch = Enumerable.Range(version, 20).Select(i => (AccountEvent)new Deposited(i)).ToArray();
            Assert.True(await CommitAsync(writer, view, batch, version));
        }

        var amounts = new List<int>();
        var next = 0;
        EventStreamPage page;
        do
        {
            page = await store.ReadAsync("account/big", next, 999, default);
            amounts.AddRange(page.Events.Select(e => e.Version));
            next = page.NextVersion;
        }
        while (!page.IsEndOfStream);

        Assert.Equal(Enumerable.Range(0, 10_000), amounts);
        var snapshot = (await store.ReadTailAsync("account/big", 1, default)).Snapshot;
        Assert.Equal(10_000, snapshot?.Version);

        var counting = new FaultyEventStore(store);
        var state = await EventStoreFactory.Streams(counting, options).Create("account/big", Apply).ReadStateFromStorageAsync();
        Assert.Equal(10_000, state.Key);
        Assert.Equal(Enumerable.Range(0, 10_000).Sum(), state.Value.Balance);
        Assert.Equal([9997, 9998, 9999], state.Value.LastAmounts);
        Assert.True(counting.EventsRead < 100, $"replayed {counting.EventsRead} events despite the snapshot");

        var history = await writer.ReadEventsAsync(9_990, 5);
        Assert.Equal([9990, 9991, 9992, 9993, 9994], history.Select(h => ((Deposited)h.Event).Amount));
    }

    [Fact]
    public async Task Polymorphic_members_inside_events_round_trip()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture, o => o.SnapshotInterval = 2);
        var stream = EventStoreFactory.Streams(store, options).Create("account/notes", Apply);
        var view = (await stream.ReadStateFromStorageAsync()).Value;
        var notes = new NoteContent[] { new TextNote("hello"), new LinkNote(new Uri("https://example.com/x"), "docs") };

        Assert.True(await CommitAsync(stream, view, [new NoteAdded(notes[0]), new NoteAdded(notes[1]), new Deposited(1)], 0));

        var events = await stream.ReadEventsAsync(0, 10);
        Assert.Equal(notes, events.Take(2).Select(e => ((NoteAdded)e.Event).Content));
        var fromSnapshot = await EventStoreFactory.Streams(store, options).Create("account/notes", Apply).ReadStateFromStorageAsync();
        Assert.Equal(notes, fromSnapshot.Value.Notes);
        Assert.Equal(3, (await store.ReadTailAsync("account/notes", 1, default)).Snapshot?.Version);
    }

    [Fact]
    public async Task A_stored_event_with_an_unknown_type_name_is_reported_not_skipped()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture);
        await store.AppendAsync("account/odd", 0, [new StoredEvent("test.account.deposited", """{"amount":1}""")], Guid.NewGuid(), AppendAttempt.First, default);
        await store.AppendAsync("account/odd", 1, [new StoredEvent("test.account.renamed-away", "{}")], Guid.NewGuid(), AppendAttempt.First, default);
        var stream = EventStoreFactory.Streams(store, options).Create("account/odd", Apply);

        var error = await Assert.ThrowsAsync<EventStreamCorruptedException>(() => stream.ReadStateFromStorageAsync());

        Assert.Contains("test.account.renamed-away", error.Message, StringComparison.Ordinal);
        Assert.Contains("test.account.deposited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clearing_a_stream_starts_it_over()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture, o => o.SnapshotInterval = 1);
        var stream = EventStoreFactory.Streams(store, options).Create("account/clear", Apply);
        var view = (await stream.ReadStateFromStorageAsync()).Value;
        Assert.True(await CommitAsync(stream, view, [new Deposited(3)], 0));

        await stream.ClearStoredStateAsync();

        var state = await EventStoreFactory.Streams(store, options).Create("account/clear", Apply).ReadStateFromStorageAsync();
        Assert.Equal(0, state.Key);
        Assert.Equal(0, state.Value.Balance);
    }

    [Fact]
    public async Task A_snapshot_holds_the_state_at_its_version_and_leaves_the_callers_state_alone()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture, o => o.SnapshotInterval = 2);
        var stream = EventStoreFactory.Streams(store, options).Create("account/snap", Apply);
        var view = (await stream.ReadStateFromStorageAsync()).Value;

        Assert.True(await stream.ApplyUpdatesToStorageAsync([new Deposited(3), new Deposited(4)], 0, view));

        // The stream must not apply the events to the state it was given: the grain does that once confirmed.
        Assert.Equal(0, view.Balance);
        view.Apply(new Deposited(3));
        view.Apply(new Deposited(4));
        Assert.True(await CommitAsync(stream, view, [new Deposited(5)], 2));
        Assert.Equal(2, (await store.ReadTailAsync("account/snap", 1, default)).Snapshot?.Version);
        Assert.True(await CommitAsync(stream, view, [new Deposited(6)], 3));

        var snapshot = (await store.ReadTailAsync("account/snap", 1, default)).Snapshot;
        Assert.Equal(4, snapshot?.Version);
        Assert.Contains("\"balance\":18", snapshot?.Json, StringComparison.OrdinalIgnoreCase);
        var reread = await EventStoreFactory.Streams(store, options).Create("account/snap", Apply).ReadStateFromStorageAsync();
        Assert.Equal((4, 18), (reread.Key, reread.Value.Balance));
    }

    /// <summary>What JournaledGrain's adaptor does around a commit: its confirmed view moves on only once the commit is stored.</summary>
    private static async Task<bool> CommitAsync(
        EventSourcedStream<AccountState, AccountEvent> stream, AccountState view, AccountEvent[] events, int expectedVersion)
    {
        if (!await stream.ApplyUpdatesToStorageAsync(events, expectedVersion, view))
        {
            return false;
        }

        foreach (var @event in events)
        {
            view.Apply(@event);
        }

        return true;
    }
}
