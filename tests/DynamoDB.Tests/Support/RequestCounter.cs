using Amazon.DynamoDBv2;
using Amazon.Runtime;
using WaApp.DynamoDB.Tables;

namespace WaApp.DynamoDB.Tests.Support;

/// <summary>Counts the requests one DynamoDB client sends; give each counted store a client of its own.</summary>
public sealed class RequestCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts what <paramref name="client"/> sends, and the writes <paramref name="putItem"/> sends without it.</summary>
    public static RequestCounter On(IAmazonDynamoDB client, DirectPutItem? putItem = null)
    {
        var counter = new RequestCounter();
        if (putItem is not null)
        {
            putItem.Sending += _ => Interlocked.Increment(ref counter._count);
        }

        ((AmazonServiceClient)client).BeforeRequestEvent += (_, args) =>
        {
            if (args is WebServiceRequestEventArgs)
            {
                Interlocked.Increment(ref counter._count);
            }
        };
        return counter;
    }

    public void Reset() => Volatile.Write(ref _count, 0);
}
