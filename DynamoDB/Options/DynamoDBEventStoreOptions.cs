namespace WaApp.DynamoDB.Options;

/// <summary>
/// The DynamoDB tables of the event store behind event-sourced grains; how streams replay and snapshot is
/// <see cref="WaApp.EventSourcing.Streams.EventSourcedStreamOptions"/>.
/// </summary>
public sealed class DynamoDBEventStoreOptions : DynamoDBTableOptions
{
    public const string DefaultTableName = "Events";

    public DynamoDBEventStoreOptions() => TableName = DefaultTableName;

    /// <summary>Snapshots are items of the grain-state table.</summary>
    public string SnapshotTableName { get; set; } = DynamoDBStorageOptions.DefaultTableName;
}
