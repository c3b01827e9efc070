using System.Text.Json;

namespace WaApp.EventSourcing.Streams;

/// <summary>How event streams replay, snapshot and serialize, whichever store holds them.</summary>
public sealed class EventSourcedStreamOptions
{
    /// <summary>Events between two state snapshots; bounds the replay on activation. 0 turns snapshots off.</summary>
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>Events per page when a stream is replayed.</summary>
    public int ReadPageSize { get; set; } = 1000;

    /// <summary>How events and snapshots are written; honours [JsonPolymorphic]/[JsonDerivedType].</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);
}
