using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;

namespace WaApp.DynamoDB.Hosting;

/// <summary>Ready when DynamoDB answers a DescribeTable for the membership table within a short time.</summary>
public sealed class DynamoDBHealthCheck(DynamoDBClientProvider clients, DynamoDBSettings settings) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = new DynamoDBClientOptions();
        settings.Configure(options);
        var table = settings.TablePrefix + DynamoDBClusteringOptions.DefaultTableName;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var response = await clients.GetClient(options).DescribeTableAsync(new DescribeTableRequest { TableName = table }, timeout.Token);
            return HealthCheckResult.Healthy($"{table} is {response.Table.TableStatus}.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("DynamoDB did not answer.", exception);
        }
    }
}
