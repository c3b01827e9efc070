namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>A fact in a contact's event log (stored under its <c>[Alias]</c>).</summary>
[GenerateSerializer, Immutable]
public abstract record ContactEvent
{
    [Id(0)]
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The user's profile name, username or ids changed (or were seen for the first time).</summary>
[GenerateSerializer, Immutable, Alias("contact.profile-updated.v1")]
public sealed record ContactProfileUpdated(string? ProfileName, string? Username, string? WaId, string? UserId, DateTimeOffset ObservedAt, string? ParentUserId = null) : ContactEvent;

/// <summary>The user changed number or BSUID.</summary>
[GenerateSerializer, Immutable, Alias("contact.identity-changed.v1")]
public sealed record ContactIdentityChanged(ContactIdentityChange Change, DateTimeOffset ObservedAt) : ContactEvent;

/// <summary>A business number talked to this user (or the user to it) for the first time.</summary>
[GenerateSerializer, Immutable, Alias("contact.conversation-started.v1")]
public sealed record ContactConversationStarted(string PhoneNumberId, DateTimeOffset StartedAt) : ContactEvent;

/// <summary>The user's consent towards one business number, as that conversation now decides by.</summary>
[GenerateSerializer, Immutable, Alias("contact.consent-changed.v1")]
public sealed record ContactConsentChanged(
    string PhoneNumberId,
    bool OptedOut,
    bool MarketingStopped,
    DateTimeOffset? OptOutChangedAt,
    DateTimeOffset? MarketingChangedAt) : ContactEvent;
