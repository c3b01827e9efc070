using System.Collections.Concurrent;

namespace WaApp.DynamoDB.EventStore;

/// <summary>
/// When each stream was last put in the activity index by this process, so a stream is indexed at most once per
/// interval. Forgetting is always safe (the next commit is indexed again), so the memory is bounded by clearing it.
/// </summary>
internal sealed class ActivityIndexThrottle(TimeSpan interval)
{
    // About 80 bytes an entry: a few MB at most.
    private const int MaxStreams = 50_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastIndexed = new(StringComparer.Ordinal);

    public bool IsDue(string streamId, DateTimeOffset now) =>
        interval <= TimeSpan.Zero || !_lastIndexed.TryGetValue(streamId, out var last) || now - last >= interval || now < last;

    public void Indexed(string streamId, DateTimeOffset at)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        if (_lastIndexed.Count >= MaxStreams)
        {
            _lastIndexed.Clear();
        }

        _lastIndexed[streamId] = at;
    }
}
