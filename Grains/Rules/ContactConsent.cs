using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Rules;

/// <summary>
/// A customer's consent towards one business number. An opt-out (STOP) suppresses every business-initiated
/// message; a marketing stop (Meta's <c>user_preferences</c>, or send error 131050) suppresses marketing templates
/// only. Replies inside the customer-service window to the customer's own messages are not business-initiated.
/// Changes are ordered by Meta's timestamps, so an older signal arriving late does not undo a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.ContactConsent")]
public sealed record ContactConsent(
    bool OptedOut,
    bool MarketingStopped,
    DateTimeOffset? OptOutChangedAt,
    DateTimeOffset? MarketingChangedAt)
{
    public const string MarketingCategory = "marketing_messages";

    public static ContactConsent Initial { get; } = new(false, false, null, null);

    public bool AllowsBusinessInitiated(bool marketing) => !OptedOut && !(marketing && MarketingStopped);

    public ContactConsent Apply(ConsentChange change, DateTimeOffset at) => change switch
    {
        ConsentChange.OptOut or ConsentChange.OptIn when OptOutChangedAt > at => this,
        ConsentChange.OptOut => this with { OptedOut = true, OptOutChangedAt = at },
        ConsentChange.OptIn => this with { OptedOut = false, OptOutChangedAt = at },
        _ when MarketingChangedAt > at => this,
        ConsentChange.StopMarketing => this with { MarketingStopped = true, MarketingChangedAt = at },
        ConsentChange.ResumeMarketing => this with { MarketingStopped = false, MarketingChangedAt = at },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown consent change."),
    };

    /// <summary>
    /// Reads a <c>user_preferences</c> webhook entry: category <c>marketing_messages</c> with value <c>stop</c> or
    /// <c>resume</c> (any casing). Other categories or values are not consent changes WaApp knows.
    /// </summary>
    public static bool TryParseUserPreference(string? category, string? value, out ConsentChange change)
    {
        change = default;
        if (!string.Equals(category?.Trim(), MarketingCategory, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        switch (value?.Trim().ToUpperInvariant())
        {
            case "STOP":
                change = ConsentChange.StopMarketing;
                return true;
            case "RESUME":
                change = ConsentChange.ResumeMarketing;
                return true;
            default:
                return false;
        }
    }
}
