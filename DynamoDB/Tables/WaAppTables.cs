using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using WaApp.DynamoDB.Options;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// Every table WaApp creates, defined once: the providers create their tables from these definitions and
/// the deployment templates are checked against them.
/// </summary>
public static class WaAppTables
{
    /// <summary>Every DynamoDB API action the providers call (for IAM policies).</summary>
    public static IReadOnlyList<string> RequiredActions { get; } =
    [
        "dynamodb:BatchWriteItem",
        "dynamodb:CreateTable",
        "dynamodb:DeleteItem",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:UpdateItem",
        "dynamodb:UpdateTable",
    ];

    /// <summary>The four tables with <paramref name="tablePrefix"/> in front of the default names, billed per request.</summary>
    public static IReadOnlyList<CreateTableRequest> All(string tablePrefix) =>
    [
        Membership(tablePrefix + DynamoDBClusteringOptions.DefaultTableName),
        GrainState(tablePrefix + DynamoDBStorageOptions.DefaultTableName),
        Reminders(tablePrefix + DynamoDBReminderStorageOptions.DefaultTableName),
        Events(tablePrefix + DynamoDBEventStoreOptions.DefaultTableName),
    ];

    public static CreateTableRequest Membership(string tableName) =>
        Table(tableName, (MembershipAttributes.DeploymentId, ScalarAttributeType.S), (MembershipAttributes.SiloIdentity, ScalarAttributeType.S));

    public static CreateTableRequest GrainState(string tableName) =>
        Table(tableName, (GrainStateAttributes.GrainReference, ScalarAttributeType.S), (GrainStateAttributes.GrainType, ScalarAttributeType.S));

    /// <summary>
    /// Commits and snapshots keyed by stream and version, with a sparse keys-only index of the commits of indexed
    /// streams by activity key and commit time (<see cref="EventAttributes.ActivityIndex"/>).
    /// </summary>
    public static CreateTableRequest Events(string tableName)
    {
        var table = Table(tableName, (EventAttributes.StreamId, ScalarAttributeType.S), (EventAttributes.Version, ScalarAttributeType.N));
        table.AttributeDefinitions.Add(new AttributeDefinition(EventAttributes.ActivityKey, ScalarAttributeType.S));
        table.AttributeDefinitions.Add(new AttributeDefinition(EventAttributes.CommittedAt, ScalarAttributeType.S));
        table.GlobalSecondaryIndexes = [Index(EventAttributes.ActivityIndex, EventAttributes.ActivityKey, EventAttributes.CommittedAt, ProjectionType.KEYS_ONLY)];
        return table;
    }

    public static CreateTableRequest Reminders(string tableName)
    {
        var table = Table(tableName, (ReminderAttributes.ReminderId, ScalarAttributeType.S), (ReminderAttributes.GrainHash, ScalarAttributeType.N));
        table.AttributeDefinitions.Add(new AttributeDefinition(ReminderAttributes.ServiceId, ScalarAttributeType.S));
        table.AttributeDefinitions.Add(new AttributeDefinition(ReminderAttributes.GrainReference, ScalarAttributeType.S));
        table.GlobalSecondaryIndexes =
        [
            Index(ReminderAttributes.ServiceIdIndex, ReminderAttributes.ServiceId, ReminderAttributes.GrainHash),
            Index(ReminderAttributes.ServiceIdGrainReferenceIndex, ReminderAttributes.ServiceId, ReminderAttributes.GrainReference),
        ];
        return table;
    }

    private static CreateTableRequest Table(string tableName, (string Name, ScalarAttributeType Type) hash, (string Name, ScalarAttributeType Type) range) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(hash.Name, KeyType.HASH), new KeySchemaElement(range.Name, KeyType.RANGE)],
        AttributeDefinitions = [new AttributeDefinition(hash.Name, hash.Type), new AttributeDefinition(range.Name, range.Type)],
    };

    private static GlobalSecondaryIndex Index(string name, string hash, string range, ProjectionType? projection = null) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(hash, KeyType.HASH), new KeySchemaElement(range, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = projection ?? ProjectionType.ALL },
    };
}
