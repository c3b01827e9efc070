namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// How a business number answers on its own: a welcome for first contacts, keyword auto-replies, an away message
/// outside business hours and whether incoming messages are marked as read automatically. The business grain checks
/// it against the domain rules before storing it and answers the refusal as <see cref="SettingsFieldError"/>s.
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.BusinessSettings")]
public sealed record BusinessSettings
{
    /// <summary>The default wait between two away messages to the same customer.</summary>
    public static readonly TimeSpan DefaultAwayMessageInterval = TimeSpan.FromHours(24);

    public static BusinessSettings Default { get; } = new();

    /// <summary>Sent once, to a customer's first message to this number; null sends none.</summary>
    [Id(0)]
    public string? WelcomeMessage { get; init; }

    /// <summary>Checked in order; the first keyword found in a customer's message answers it.</summary>
    [Id(1)]
    public IReadOnlyList<KeywordReply> KeywordReplies { get; init; } = [];

    /// <summary>Opening hours and the away message sent outside them; null means always open.</summary>
    [Id(2)]
    public BusinessHours? BusinessHours { get; init; }

    /// <summary>Marks each customer message as read (blue ticks) as soon as it arrives.</summary>
    [Id(3)]
    public bool AutoMarkAsRead { get; init; }

    /// <summary>Sent when a customer opts out with STOP/UNSUBSCRIBE; null sends none.</summary>
    [Id(4)]
    public string? OptOutConfirmation { get; init; } =
        "You will no longer receive messages from us. Reply START to subscribe again.";

    /// <summary>Sent when a customer opts back in with START; null sends none.</summary>
    [Id(5)]
    public string? OptInConfirmation { get; init; } = "You are subscribed again. Reply STOP to unsubscribe.";

    /// <summary>Value equality, including the keyword replies in order (records alone compare lists by reference).</summary>
    public bool Equals(BusinessSettings? other) =>
        other is not null
        && WelcomeMessage == other.WelcomeMessage
        && KeywordReplies.SequenceEqual(other.KeywordReplies)
        && Equals(BusinessHours, other.BusinessHours)
        && AutoMarkAsRead == other.AutoMarkAsRead
        && OptOutConfirmation == other.OptOutConfirmation
        && OptInConfirmation == other.OptInConfirmation;

    public override int GetHashCode() => HashCode.Combine(WelcomeMessage, KeywordReplies.Count, BusinessHours, AutoMarkAsRead);
}
