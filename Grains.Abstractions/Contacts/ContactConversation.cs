namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>
/// The user's conversation with one business number, and the user's consent towards that number (an opt-out is per
/// business: STOP to one number says nothing about another).
/// </summary>
/// <param name="ConversationId"><c>{phoneNumberId}:{contactId}</c>, the conversation's REST and grain key.</param>
/// <param name="OptedOut">The user sent STOP (or a variant) and no START since: no business-initiated messages.</param>
/// <param name="MarketingStopped">The user stopped marketing messages (<c>user_preferences</c> or error 131050).</param>
[GenerateSerializer, Immutable, Alias("waapp.ContactConversation")]
public sealed record ContactConversation(
    string PhoneNumberId,
    string ConversationId,
    DateTimeOffset FirstSeenAt,
    bool OptedOut,
    bool MarketingStopped,
    DateTimeOffset? ConsentChangedAt);

/// <summary>
/// What a conversation grain tells the contact about itself: that it exists, and the consent it decides sends by.
/// The conversation is where consent is decided (a send is refused there without a cross-grain call); the contact
/// holds the per-business view of all of them.
/// </summary>
/// <param name="OptOutChangedAt">Meta's time of the STOP/START that set <paramref name="OptedOut"/>, if any.</param>
/// <param name="MarketingChangedAt">Time of the marketing stop/resume that set <paramref name="MarketingStopped"/>.</param>
[GenerateSerializer, Immutable, Alias("waapp.ContactConversationReport")]
public sealed record ContactConversationReport(
    string PhoneNumberId,
    DateTimeOffset StartedAt,
    bool OptedOut,
    bool MarketingStopped,
    DateTimeOffset? OptOutChangedAt,
    DateTimeOffset? MarketingChangedAt,
    ContactObservation? Profile = null);
