using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// Counts every request a DynamoDB client of this process sends (meter <see cref="MeterName"/>), by operation and table, so the
/// store cost of a webhook can be read off <c>/metrics</c> (the bench divides it by the messages stored). Retries
/// the SDK makes count too: each is a request DynamoDB bills.
/// </summary>
public static class DynamoDBRequestMetrics
{
    public const string MeterName = "WaApp.DynamoDB";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<Type, string> Operations = new();
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "waapp.dynamodb.requests", "{request}", "Requests sent to DynamoDB by this process, by operation (PutItem, Query, GetItem, ...).");

    /// <summary>Counts the requests <paramref name="client"/> sends from now on.</summary>
    public static void Observe(AmazonServiceClient client) => client.BeforeRequestEvent += OnBeforeRequest;

    /// <summary>Counts one request sent without the SDK's pipeline (<see cref="DirectPutItem"/>).</summary>
    public static void Count(string operation, string table) =>
        Requests.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("table", table));

    private static void OnBeforeRequest(object sender, RequestEventArgs args)
    {
        if (args is WebServiceRequestEventArgs request)
        {
            // The table too: a webhook's cost is the events table's requests, apart from timers' writes elsewhere.
            Count(Operation(request.Request), Table(request.Request));
        }
    }

    // The table a single-table request addresses; batch requests (several tables) and table listings have none.
    private static string Table(AmazonWebServiceRequest request) => request switch
    {
        PutItemRequest put => put.TableName,
        GetItemRequest get => get.TableName,
        QueryRequest query => query.TableName,
        UpdateItemRequest update => update.TableName,
        DeleteItemRequest delete => delete.TableName,
        ScanRequest scan => scan.TableName,
        DescribeTableRequest describe => describe.TableName,
        CreateTableRequest create => create.TableName,
        _ => string.Empty,
    } ?? string.Empty;

    // "PutItemRequest" → "PutItem": the operation's API name, worked out once per request type rather than per request.
    private static string Operation(AmazonWebServiceRequest request) => Operations.GetOrAdd(request.GetType(), static type =>
        type.Name.EndsWith("Request", StringComparison.Ordinal) ? type.Name[..^"Request".Length] : type.Name);
}
