using WaApp.EventSourcing.Storage;
using WaApp.DynamoDB.Tests.Support;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.EventStore;

[Collection(DynamoDBCollection.Name)]
public sealed class DynamoDBEventStoreTests(DynamoDBFixture fixture)
{
    private static IReadOnlyList<StoredEvent> Events(params int[] amounts) =>
        amounts.Select(a => new StoredEvent("test.account.deposited", $$"""{"amount":{{a}}}""")).ToList();

    [Fact]
    public async Task Two_writers_racing_from_the_same_version_produce_exactly_one_commit()
    {
        var (store, _) = await EventStoreFactory.CreateAsync(fixture);
        await store.AppendAsync("s/race", 0, Events(1), Guid.NewGuid(), AppendAttempt.First, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.AppendAsync("s/race", 1, Events(100 + i, 200 + i), Guid.NewGuid(), AppendAttempt.First, default)));

        Assert.Single(results, r => r.Status == AppendStatus.Appended);
        Assert.Equal(7, results.Count(r => r.Status == AppendStatus.Conflict));
        var page = await store.ReadAsync("s/race", 0, 100, default);
        Assert.Equal(3, page.Events.Count);
        Assert.Equal([0, 1, 2], page.Events.Select(e => e.Version));
        Assert.True(page.IsEndOfStream);
    }

    [Fact]
    public async Task A_retry_of_a_commit_that_landed_reports_success_and_writes_nothing()
    {
        var (store, _) = await EventStoreFactory.CreateAsync(fixture);
        var batch = Guid.NewGuid();

        var first = await store.AppendAsync("s/retry", 0, Events(5, 6), batch, AppendAttempt.First, default);
        var retry = await store.AppendAsync("s/retry", 0, Events(5, 6), batch, AppendAttempt.Resubmission, default);
        var stranger = await store.AppendAsync("s/retry", 0, Events(5, 6), Guid.NewGuid(), AppendAttempt.First, default);

        Assert.Equal(AppendStatus.Appended, first.Status);
        Assert.Equal(AppendStatus.AlreadyAppended, retry.Status);
        Assert.True(retry.Succeeded);
        Assert.Equal(AppendStatus.Conflict, stranger.Status);
        var page = await store.ReadAsync("s/retry", 0, 100, default);
        Assert.Equal(2, page.Events.Count);
        Assert.All(page.Events, e => Assert.Equal(batch, e.BatchId));
    }

    [Fact]
    public async Task Reads_page_from_any_version_even_inside_a_commit()
    {
        var (store, _) = await EventStoreFactory.CreateAsync(fixture);
        var version = 0;
        foreach (var size in new[] { 3, 4, 1, 5 })
        {
            var amounts = Enumerable.Range(version, size).ToArray();
            Assert.True((await store.AppendAsync("s/pages", version, Events(amounts), Guid.NewGuid(), AppendAttempt.First, default)).Succeeded);
            version += size;
        }

        var page = await store.ReadAsync("s/pages", 5, 4, default);
        Assert.Equal([5, 6, 7, 8], page.Events.Select(e => e.Version));
        Assert.Equal([5, 6, 7, 8], page.Events.Select(e => int.Parse(e.Event.Json[10..^1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(page.IsEndOfStream);
        var rest = await store.ReadAsync("s/pages", page.NextVersion, 100, default);
        Assert.Equal([9, 10, 11, 12], rest.Events.Select(e => e.Version));
        Assert.True(rest.IsEndOfStream);
        var beyond = await store.ReadAsync("s/pages", 40, 10, default);
        Assert.Empty(beyond.Events);
        Assert.True(beyond.IsEndOfStream);
    }

    [Fact]
    public async Task Bad_appends_are_rejected_and_change_nothing()
    {
        var (store, _) = await EventStoreFactory.CreateAsync(fixture);

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("s/bad", 0, [], Guid.NewGuid(), AppendAttempt.First, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.AppendAsync("s/bad", -1, Events(1), Guid.NewGuid(), AppendAttempt.First, default));
        var tooLarge = new[] { new StoredEvent("test.account.deposited", new string('x', 420_000)) };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("conversation/1065:15551234567", 0, tooLarge, Guid.NewGuid(), AppendAttempt.First, default));
        Assert.Contains("400 KB", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("15551234567", error.Message, StringComparison.Ordinal);

        Assert.Empty((await store.ReadAsync("s/bad", 0, 10, default)).Events);
        Assert.Empty((await store.ReadAsync("conversation/1065:15551234567", 0, 10, default)).Events);
    }

    [Fact]
    public async Task Deleting_a_stream_removes_its_events_and_snapshot_only()
    {
        var (store, _) = await EventStoreFactory.CreateAsync(fixture);
        await store.AppendAsync("s/gone", 0, Events(1, 2), Guid.NewGuid(), AppendAttempt.First, default);
        await store.WriteSnapshotAsync("s/gone", new StreamSnapshot(2, "{}"), default);
        await store.AppendAsync("s/kept", 0, Events(3), Guid.NewGuid(), AppendAttempt.First, default);

        await store.DeleteStreamAsync("s/gone", default);

        Assert.Empty((await store.ReadAsync("s/gone", 0, 10, default)).Events);
        Assert.Null((await store.ReadTailAsync("s/gone", 1, default)).Snapshot);
        Assert.Single((await store.ReadAsync("s/kept", 0, 10, default)).Events);
    }

    [Fact]
    public async Task An_older_snapshot_never_replaces_a_newer_one()
    {
        var (store, _) = await EventStoreFactory.CreateAsync(fixture);

        Assert.True(await store.WriteSnapshotAsync("s/snap", new StreamSnapshot(200, "{\"v\":200}"), default));
        Assert.False(await store.WriteSnapshotAsync("s/snap", new StreamSnapshot(100, "{\"v\":100}"), default));

        var snapshot = (await store.ReadTailAsync("s/snap", 1, default)).Snapshot;
        Assert.Equal(new StreamSnapshot(200, "{\"v\":200}"), snapshot);
    }

    [Fact]
    public async Task One_query_reads_the_latest_snapshot_and_every_event_after_it()
    {
        var (store, requests) = await EventStoreFactory.CreateCountedAsync(fixture);
        var version = 0;
        foreach (var size in new[] { 2, 3, 1, 2 })
        {
            await store.AppendAsync("s/tail", version, Events(Enumerable.Range(version, size).ToArray()), Guid.NewGuid(), AppendAttempt.First, default);
            version += size;
            if (version == 5)
            {
                await store.WriteSnapshotAsync("s/tail", new StreamSnapshot(5, "{\"v\":5}"), default);
            }
        }

        requests.Reset();
        var tail = await store.ReadTailAsync("s/tail", 10, default);

        Assert.Equal(1, requests.Count);
        Assert.True(tail.IsComplete);
        Assert.Equal(new StreamSnapshot(5, "{\"v\":5}"), tail.Snapshot);
        Assert.Equal([5, 6, 7], tail.Events.Select(e => e.Version));
        // The snapshot sorts after every commit, yet never reads as one.
        var page = await store.ReadAsync("s/tail", 0, 100, default);
        Assert.Equal(Enumerable.Range(0, 8), page.Events.Select(e => e.Version));
        Assert.True(page.IsEndOfStream);
    }

    [Fact]
    public async Task A_tail_without_a_snapshot_is_the_whole_stream_and_a_long_one_asks_for_paging()
    {
        var (store, _) = await EventStoreFactory.CreateAsync(fixture);
        for (var version = 0; version < 6; version++)
        {
            await store.AppendAsync("s/long", version, Events(version), Guid.NewGuid(), AppendAttempt.First, default);
        }

        var whole = await store.ReadTailAsync("s/long", 10, default);
        var tooLong = await store.ReadTailAsync("s/long", 3, default);
        var empty = await store.ReadTailAsync("s/none", 3, default);

        Assert.Equal((null, true), (whole.Snapshot, whole.IsComplete));
        Assert.Equal(Enumerable.Range(0, 6), whole.Events.Select(e => e.Version));
        Assert.Equal((false, 0), (tooLong.IsComplete, tooLong.Events.Count));
        Assert.Equal((null, true, 0), (empty.Snapshot, empty.IsComplete, empty.Events.Count));
    }

    [Fact]
    public async Task A_snapshot_never_takes_a_commits_version_and_a_lost_first_try_costs_no_read()
    {
        var (store, requests) = await EventStoreFactory.CreateCountedAsync(fixture);
        await store.WriteSnapshotAsync("s/first", new StreamSnapshot(0, "{}"), default);
        Assert.Equal(AppendStatus.Appended, (await store.AppendAsync("s/first", 0, Events(1), Guid.NewGuid(), AppendAttempt.First, default)).Status);
        requests.Reset();

        var lost = await store.AppendAsync("s/first", 0, Events(2), Guid.NewGuid(), AppendAttempt.First, default);

        Assert.Equal(AppendStatus.Conflict, lost.Status);
        Assert.Equal(1, requests.Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            store.AppendAsync("s/first", int.MaxValue - 1, Events(1, 2), Guid.NewGuid(), AppendAttempt.First, default));
    }

    [Fact]
    public async Task A_snapshot_too_large_to_store_is_refused_and_the_stream_is_unharmed()
    {
        var (store, _) = await EventStoreFactory.CreateAsync(fixture);
        await store.AppendAsync("s/huge", 0, Events(1), Guid.NewGuid(), AppendAttempt.First, default);

        await Assert.ThrowsAsync<SnapshotTooLargeException>(() =>
            store.WriteSnapshotAsync("s/huge", new StreamSnapshot(1, "\"" + new string('x', 410_000) + "\""), default));

        var tail = await store.ReadTailAsync("s/huge", 10, default);
        Assert.Null(tail.Snapshot);
        Assert.Single(tail.Events);
    }
}
