namespace WaApp.Grains.Rules;

/// <summary>
/// Meta's customer-service window for one business number and one customer: it opens, or extends, with each
/// message the customer writes (by Meta's timestamp, not arrival time) and lasts exactly 24 hours. Inside it any
/// message may be sent; outside it only approved templates.
/// </summary>
/// <param name="LastUserMessageAt">When the customer last wrote; null if never.</param>
public sealed record CustomerServiceWindow(DateTimeOffset? LastUserMessageAt)
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static CustomerServiceWindow Never { get; } = new((DateTimeOffset?)null);

    /// <summary>The first instant at which free-form messages are no longer allowed; null if never opened.</summary>
    public DateTimeOffset? ExpiresAt => LastUserMessageAt + Length;

    /// <summary>Open strictly before <see cref="ExpiresAt"/>: at exactly 24 hours it is closed.</summary>
    public bool IsOpenAt(DateTimeOffset now) => ExpiresAt is { } expiresAt && now < expiresAt;

    /// <summary>
    /// The window after an inbound message. Only <see cref="MessageTypes.IsUserMessage"/> types count, and a late
    /// redelivery of an older message never shortens it.
    /// </summary>
    public CustomerServiceWindow After(string type, DateTimeOffset sentAt) =>
        MessageTypes.IsUserMessage(type) && (LastUserMessageAt is null || sentAt > LastUserMessageAt)
            ? new CustomerServiceWindow(sentAt)
            : this;
}
