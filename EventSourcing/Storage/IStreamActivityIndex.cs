namespace WaApp.EventSourcing.Storage;

/// <summary>
/// The commits of a family of streams (for example every conversation of one business number) by the time they were
/// committed, so a grain that keeps a lazily written view of many streams can find, after a crash, the streams that
/// changed since its last write, instead of holding a durable pointer per change. The index is written by the same
/// append that stores the commit (no extra store operation) and read only when something recovers or replays.
/// Reads are eventually consistent: a commit may appear a moment after its append returned.
/// </summary>
public interface IStreamActivityIndex
{
    /// <summary>
    /// Every commit indexed under <paramref name="activityKey"/> (see <see cref="IStreamActivityKeys"/>) committed at or
    /// after <paramref name="since"/>: in commit-time order within one partition of the index, not across partitions.
    /// A consumer that wants each stream once groups by <see cref="StreamActivity.StreamId"/>.
    /// </summary>
    IAsyncEnumerable<StreamActivity> ReadActivityAsync(string activityKey, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>One indexed commit: its stream, the version of its first event and when it was committed.</summary>
public sealed record StreamActivity(string StreamId, int Version, DateTimeOffset CommittedAt);
