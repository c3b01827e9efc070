namespace WaApp.DynamoDB.Options;

/// <summary>Clients: where to read the gateway list (the silos' membership table).</summary>
public sealed class DynamoDBGatewayOptions : DynamoDBClientOptions
{
    public string TableName { get; set; } = DynamoDBClusteringOptions.DefaultTableName;
}
