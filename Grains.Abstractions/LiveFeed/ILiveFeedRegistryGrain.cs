namespace WaApp.Grains.Abstractions.LiveFeed;

/// <summary>
/// Which gateway observers watch which businesses (one activation, key <see cref="Key"/>). Gateways register again
/// every few seconds and entries expire, so after a silo failure the registry is rebuilt by the next registrations
/// wherever it reactivates.
/// </summary>
[Alias("waapp.ILiveFeedRegistryGrain")]
public interface ILiveFeedRegistryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Registers (or refreshes) <paramref name="observer"/> for these businesses (phone number ids).</summary>
    /// <returns>How long until every silo sends frames of these businesses to the observer.</returns>
    [Alias("Register")]
    Task<TimeSpan> RegisterAsync(ILiveFeedObserver observer, IReadOnlyList<string> businesses);

    [Alias("Unregister")]
    Task UnregisterAsync(ILiveFeedObserver observer);

    /// <summary>The observers registered recently enough, with what they watch.</summary>
    [Alias("GetSubscribers")]
    Task<IReadOnlyList<LiveFeedSubscriber>> GetSubscribersAsync();
}

/// <summary>A gateway observer and the businesses it watches.</summary>
[GenerateSerializer, Immutable, Alias("waapp.LiveFeedSubscriber")]
public sealed record LiveFeedSubscriber(ILiveFeedObserver Observer, IReadOnlyList<string> Businesses);
