using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace WaApp.Bench;

/// <summary>A plain DynamoDB client for a local endpoint (dynalite ignores the credentials).</summary>
internal static class StoreClient
{
    public static AmazonDynamoDBClient Create(string serviceUrl, int maxConnections = 128) => new(
        new BasicAWSCredentials("bench", "bench"),
        new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = "us-east-1",
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 3,
            MaxConnectionsPerServer = maxConnections,
        });
}
