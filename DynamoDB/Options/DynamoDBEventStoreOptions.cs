using System.Text.Json;

namespace WaApp.DynamoDB.Options;

/// <summary>The event store behind event-sourced grains.</summary>
public sealed class DynamoDBEventStoreOptions : DynamoDBTableOptions
{
    public const string DefaultTableName = "Events";

    public DynamoDBEventStoreOptions() => TableName = DefaultTableName;

    /// <summary>Events between two state snapshots; bounds the replay on activation. 0 turns snapshots off.</summary>
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>Snapshots are items of the grain-state table.</summary>
    public string SnapshotTableName { get; set; } = DynamoDBStorageOptions.DefaultTableName;

    /// <summary>Events per page when a stream is replayed.</summary>
    public int ReadPageSize { get; set; } = 1000;

    /// <summary>How events and snapshots are written; honours [JsonPolymorphic]/[JsonDerivedType].</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);
}
