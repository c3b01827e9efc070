namespace WaApp.DynamoDB.Options;

/// <summary>
/// The DynamoDB table of the event store behind event-sourced grains (commits and each stream's latest snapshot); how
/// streams replay and snapshot is <see cref="WaApp.EventSourcing.Streams.EventSourcedStreamOptions"/>.
/// </summary>
public sealed class DynamoDBEventStoreOptions : DynamoDBTableOptions
{
    public const string DefaultTableName = "Events";

    public DynamoDBEventStoreOptions() => TableName = DefaultTableName;
}
