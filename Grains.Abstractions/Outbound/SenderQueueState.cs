namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>A sender's load: messages waiting per lane and Graph API requests in flight.</summary>
[GenerateSerializer, Immutable, Alias("waapp.SenderQueueState")]
public sealed record SenderQueueState(int LiveWaiting, int BulkWaiting, int InFlight)
{
    /// <summary>Nothing waits and nothing is in flight: no send can still happen without a new request.</summary>
    public bool IsIdle => LiveWaiting == 0 && BulkWaiting == 0 && InFlight == 0;
}
