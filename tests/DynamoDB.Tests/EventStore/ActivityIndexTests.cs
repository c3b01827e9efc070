using WaApp.DynamoDB.Tests.Support;
using WaApp.EventSourcing.Storage;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.EventStore;

/// <summary>
/// The sparse activity index on the events table: written by the commit's own PutItem, it answers "which streams of
/// this family changed since T" after a crash without a scan.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class ActivityIndexTests(DynamoDBFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Finds_every_commit_of_a_family_since_a_time_and_nothing_else(int partitions)
    {
        var clock = new ManualClock(Start);
        var store = await EventStoreFactory.CreateIndexedAsync(fixture, new FamilyKeys(), clock, partitions);

        await Append(store, "family/a:1", 0);
        clock.Now = Start.AddMinutes(1);
        await Append(store, "family/a:2", 0);
        await Append(store, "family/a:1", 1);
        await Append(store, "family/b:3", 0);
        await Append(store, "other/a:4", 0);
        clock.Now = Start.AddMinutes(2);
        await Append(store, "family/a:5", 0);

        var sinceOneMinute = await ReadAll(store, "family/a", Start.AddMinutes(1));
        var all = await ReadAll(store, "family/a", Start);
        var later = await ReadAll(store, "family/a", Start.AddMinutes(3));

        Assert.Equal(["family/a:1@1", "family/a:2@0", "family/a:5@0"], sinceOneMinute.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(["family/a:1@0", "family/a:1@1", "family/a:2@0", "family/a:5@0"], all.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Empty(later);
        Assert.All(all, activity => Assert.True(activity.CommittedAt >= Start));
    }

    [Fact]
    public async Task A_snapshot_is_not_activity()
    {
        var clock = new ManualClock(Start);
        var store = await EventStoreFactory.CreateIndexedAsync(fixture, new FamilyKeys(), clock);
        await Append(store, "family/s:1", 0);

        await store.WriteSnapshotAsync("family/s:1", new StreamSnapshot(1, "{}"), default);

        Assert.Equal(["family/s:1@0"], (await ReadAll(store, "family/s", Start)).Select(Describe));
    }

    private static Task Append(IEventStore store, string streamId, int version) =>
        store.AppendAsync(streamId, version, [new StoredEvent("test.happened", "{}")], Guid.NewGuid(), AppendAttempt.First, default);

    private static async Task<List<StreamActivity>> ReadAll(IStreamActivityIndex index, string key, DateTimeOffset since)
    {
        var found = new List<StreamActivity>();
        await foreach (var activity in index.ReadActivityAsync(key, since, default))
        {
            found.Add(activity);
        }

        return found;
    }

    private static string Describe(StreamActivity activity) => $"{activity.StreamId}@{activity.Version}";

    /// <summary>Indexes <c>family/{group}:{id}</c> under <c>family/{group}</c>, like conversations under their number.</summary>
    private sealed class FamilyKeys : IStreamActivityKeys
    {
        public string? ActivityKeyOf(string streamId) =>
            streamId.StartsWith("family/", StringComparison.Ordinal) ? streamId[..streamId.IndexOf(':', StringComparison.Ordinal)] : null;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
