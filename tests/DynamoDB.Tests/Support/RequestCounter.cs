using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace WaApp.DynamoDB.Tests.Support;

/// <summary>Counts the requests one DynamoDB client sends; give each counted store a client of its own.</summary>
public sealed class RequestCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public static RequestCounter On(IAmazonDynamoDB client)
    {
        var counter = new RequestCounter();
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
