using WaApp.Grains.Abstractions.LiveFeed;

namespace WaApp.Grains.LiveFeed;

/// <summary>The silo's outlet for live frames: grains hand frames over and return at once.</summary>
public interface ILiveFeedPublisher
{
    /// <summary>Whether any gateway watches this business now (grains skip building frames nobody would see).</summary>
    bool IsWatched(string phoneNumberId);

    /// <summary>Queues frames of one business for fan-out; never blocks and never throws.</summary>
    void Publish(string phoneNumberId, IReadOnlyList<LiveFrame> frames);
}
