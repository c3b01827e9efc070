namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>A sender's load: messages waiting per lane and Graph API requests in flight.</summary>
[GenerateSerializer, Immutable, Alias("waapp.SenderQueueState")]
public sealed record SenderQueueState(int LiveWaiting, int BulkWaiting, int InFlight);
