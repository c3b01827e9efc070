namespace WaApp.DynamoDB.Options;

/// <summary>
/// The DynamoDB table of the event store behind event-sourced grains (commits and each stream's latest snapshot); how
/// streams replay and snapshot is <see cref="WaApp.EventSourcing.Streams.EventSourcedStreamOptions"/>.
/// </summary>
public sealed class DynamoDBEventStoreOptions : DynamoDBTableOptions
{
    public const string DefaultTableName = "Events";

    public const int MaxActivityIndexPartitions = 64;

    public DynamoDBEventStoreOptions() => TableName = DefaultTableName;

    /// <summary>
    /// How many index partitions one activity key's commits are spread over (by stream), so one busy business number
    /// stays under DynamoDB's per-partition write rate of the index (about 1,000 commits a second each). Reads query
    /// every partition. Changing it on a running system hides older commits from recovery until they age out of
    /// the recovery window, so set it before going live.
    /// </summary>
    public int ActivityIndexPartitions { get; set; } = 4;
}
