using System.Text.Json.Serialization;

namespace WaApp.CloudApiSimulator.Media;

/// <summary>The faults a test can queue for the next media downloads (<c>GET</c> of a download URL).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MediaFaultKind>))]
public enum MediaFaultKind
{
    /// <summary>HTTP 500: a transient failure of Meta's media CDN.</summary>
    ServerError,

    /// <summary>The response is held for <c>FaultTimeout</c>: the download times out.</summary>
    Timeout,

    /// <summary>HTTP 200 with bytes that are not the file (one byte flipped): their SHA-256 does not match.</summary>
    WrongSha256,

    /// <summary>HTTP 404, as for a URL older than its 5 minutes: the client must ask for a fresh URL.</summary>
    ExpiredUrl,
}

/// <summary>Queues <paramref name="Count"/> media download faults of <paramref name="Kind"/>.</summary>
public sealed record MediaFaultRequest(MediaFaultKind Kind, int Count = 1);

/// <summary>A queue of download faults; each download consumes at most one.</summary>
public sealed class MediaFaults
{
    private readonly Queue<MediaFaultKind> _pending = new();
    private readonly Lock _lock = new();

    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void Add(MediaFaultKind kind, int count)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _pending.Enqueue(kind);
            }
        }
    }

    public MediaFaultKind? TakeNext()
    {
        lock (_lock)
        {
            return _pending.TryDequeue(out var kind) ? kind : null;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
        }
    }
}
