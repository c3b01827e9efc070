namespace WaApp.DynamoDB.Options;

/// <summary>Silo membership in DynamoDB.</summary>
public sealed class DynamoDBClusteringOptions : DynamoDBTableOptions
{
    public const string DefaultTableName = "OrleansSilos";

    public DynamoDBClusteringOptions() => TableName = DefaultTableName;
}
