using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.EventSourcing.Streams;

/// <summary>How event streams replay, snapshot and serialize, whichever store holds them.</summary>
public sealed class EventSourcedStreamOptions
{
    /// <summary>Events between two state snapshots; bounds the replay on activation. 0 turns snapshots off.</summary>
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>Events per page when a stream is replayed.</summary>
    public int ReadPageSize { get; set; } = 1000;

    /// <summary>
    /// Streams remembered per process as existing (<see cref="KnownStreams"/>), about 16 bytes each; 0 turns the hint
    /// off, so every activation of a grain that assumes new streams tries a write first.
    /// </summary>
    public int KnownStreamsCapacity { get; set; } = 1_000_000;

    /// <summary>
    /// How events and snapshots are written; honours [JsonPolymorphic]/[JsonDerivedType]. Infinity and NaN are written
    /// as named literals: an event that cannot be serialized could never be stored and would block its stream.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
