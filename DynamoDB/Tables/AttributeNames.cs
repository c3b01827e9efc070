namespace WaApp.DynamoDB.Tables;

/// <summary>Attribute names of the membership table (keys as in the official provider).</summary>
public static class MembershipAttributes
{
    public const string DeploymentId = "DeploymentId";
    public const string SiloIdentity = "SiloIdentity";
    public const string VersionRowKey = "VersionRow";
    public const string AliveRowPrefix = "alive#";
    public const string MembershipVersion = "MembershipVersion";
    public const string ETag = "ETag";
    public const string Silos = "Silos";
    public const string IAmAliveTime = "IAmAliveTime";
}

/// <summary>Attribute names of the grain-state table (the official layout).</summary>
public static class GrainStateAttributes
{
    public const string GrainReference = "GrainReference";
    public const string GrainType = "GrainType";
    public const string GrainState = "GrainState";
    public const string ETag = "ETag";
}

/// <summary>Attribute names of the reminder table (the official layout).</summary>
public static class ReminderAttributes
{
    public const string ReminderId = "ReminderId";
    public const string GrainHash = "GrainHash";
    public const string ServiceId = "ServiceId";
    public const string GrainReference = "GrainReference";
    public const string ReminderName = "ReminderName";
    public const string StartTime = "StartTime";
    public const string Period = "Period";
    public const string ETag = "ETag";
    public const string ServiceIdIndex = "ServiceIdIndex";
    public const string ServiceIdGrainReferenceIndex = "ServiceIdGrainReferenceIndex";
}

/// <summary>Attribute names of the event table: one item per commit, and one for the stream's latest snapshot.</summary>
public static class EventAttributes
{
    public const string StreamId = "StreamId";
    public const string Version = "Version";
    public const string BatchId = "BatchId";
    public const string CommittedAt = "CommittedAt";
    public const string Events = "Events";
    public const string EventType = "T";
    public const string EventData = "D";
    public const string SnapshotVersion = "SnapshotVersion";
    public const string SnapshotState = "Snapshot";

    /// <summary>On commits of indexed streams only: the activity key and partition (see <see cref="ActivityIndex"/>).</summary>
    public const string ActivityKey = "ActivityKey";

    /// <summary>The sparse index of indexed streams' commits by <see cref="ActivityKey"/> and <see cref="CommittedAt"/>.</summary>
    public const string ActivityIndex = "ActivityIndex";
}
