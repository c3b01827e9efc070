using System.Net.Sockets;
using Amazon.Runtime;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;

namespace WaApp.WebGateway.Api;

/// <summary>
/// Tells a passing outage (no silo, a lost connection, storage not answering) from a fault in a request or in WaApp,
/// so the API can answer 503 and let the caller retry instead of reporting an internal error.
/// </summary>
internal static class ClusterUnavailability
{
    public static bool IsUnavailable(Exception exception) => Causes(exception).Any(IsOutage);

    private static bool IsOutage(Exception exception) => exception switch
    {
        OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException => true,
        AmazonClientException or HttpRequestException or SocketException => true,
        // A storage exception raised in a silo arrives as this fallback when the client cannot rebuild its type.
        UnavailableExceptionFallbackException fallback => fallback.ExceptionType?.StartsWith("Amazon.", StringComparison.Ordinal) == true,
        _ => false,
    };

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
