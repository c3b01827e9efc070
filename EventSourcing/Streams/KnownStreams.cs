using Microsoft.Extensions.Options;

namespace WaApp.EventSourcing.Streams;

/// <summary>
/// The streams this process has seen hold events (read non-empty or appended to), as a hint for grains that assume a
/// new stream (<see cref="Grains.EventSourcedGrain{TState,TEvent}.AssumesNewStream"/>): an activation of a stream
/// known to exist reads first (one Query) instead of losing a write at version 0 and then reading. The hint only
/// chooses between two correct paths, so a stream missing from it (another silo wrote it, this process restarted, the
/// set was full) costs one lost write, and a false positive (two ids with the same hash) one read.
/// </summary>
public sealed class KnownStreams(IOptions<EventSourcedStreamOptions> options)
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _hashes = [];
    private readonly int _capacity = options.Value.KnownStreamsCapacity;

    public bool Contains(string streamId)
    {
        lock (_lock)
        {
            return _hashes.Contains(Hash(streamId));
        }
    }

    public void Add(string streamId)
    {
        if (_capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            // Full: start over rather than grow without bound; the hint refills as streams are used again.
            if (_hashes.Count >= _capacity)
            {
                _hashes.Clear();
            }

            _hashes.Add(Hash(streamId));
        }
    }

    /// <summary>Forgets every stream, as after a restart of this process.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _hashes.Clear();
        }
    }

    // A 32-bit hash keeps about 16 bytes per stream; collisions only cost a read (see the class summary).
    private static int Hash(string streamId) => StringComparer.Ordinal.GetHashCode(streamId);
}
