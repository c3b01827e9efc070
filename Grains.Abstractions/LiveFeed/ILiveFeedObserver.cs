namespace WaApp.Grains.Abstractions.LiveFeed;

/// <summary>A gateway instance receiving the live frames of the businesses its WebSocket clients watch.</summary>
[Alias("waapp.ILiveFeedObserver")]
public interface ILiveFeedObserver : IGrainObserver
{
    /// <summary>Frames in the order they were stored, per conversation. One-way: a slow gateway never slows a silo.</summary>
    [OneWay]
    [Alias("Receive")]
    Task ReceiveAsync(IReadOnlyList<LiveFrame> frames);
}
