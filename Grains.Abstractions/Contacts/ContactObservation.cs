namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>What one webhook said about a user, seen through business number <paramref name="PhoneNumberId"/>.</summary>
/// <param name="ProfileName">User-controlled display name; never an identifier.</param>
/// <param name="IdentityChange">Set when the user changed number or BSUID (a <c>system</c> message).</param>
/// <param name="ParentUserId">The user's parent BSUID (<c>CC.ENT.…</c>), when Meta sends one.</param>
[GenerateSerializer, Immutable, Alias("waapp.ContactObservation")]
public sealed record ContactObservation(
    string? PhoneNumberId,
    string? ProfileName,
    string? Username,
    string? WaId,
    string? UserId,
    DateTimeOffset ObservedAt,
    ContactIdentityChange? IdentityChange = null,
    string? ParentUserId = null);

/// <summary>The user now has <paramref name="NewWaId"/> and/or <paramref name="NewUserId"/>.</summary>
/// <param name="Kind"><c>user_changed_number</c>, <c>customer_changed_number</c> or <c>user_changed_user_id</c>.</param>
[GenerateSerializer, Immutable, Alias("waapp.ContactIdentityChange")]
public sealed record ContactIdentityChange(string Kind, string? NewWaId, string? NewUserId, string? MessageId);

/// <summary>A user as WaApp knows them.</summary>
/// <param name="Aliases">Every wa_id and BSUID seen for this user, including previous numbers.</param>
/// <param name="ReplacedBy">The contact id the user moved to after a number change, if any.</param>
/// <param name="Conversations">One per business number the user talks to, with the user's consent towards it.</param>
[GenerateSerializer, Immutable, Alias("waapp.ContactProfile")]
public sealed record ContactProfile(
    string ContactId,
    string? ProfileName,
    string? Username,
    string? WaId,
    string? UserId,
    IReadOnlyList<string> Aliases,
    string? ReplacedBy,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<ContactConversation> Conversations);
