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
    /// Indexed commits under <paramref name="activityKey"/> (see <see cref="IStreamActivityKeys"/>): at least one commit
    /// of every stream that committed at or after <paramref name="since"/>, possibly an older commit of it (a store may
    /// index a busy stream only now and then) and possibly older streams too. A consumer groups by
    /// <see cref="StreamActivity.StreamId"/> and asks each stream for what it needs; order is by commit time within
    /// one partition of the index only.
    /// </summary>
    IAsyncEnumerable<StreamActivity> ReadActivityAsync(string activityKey, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>One indexed commit: its stream, the version of its first event and when it was committed.</summary>
public sealed record StreamActivity(string StreamId, int Version, DateTimeOffset CommittedAt);
