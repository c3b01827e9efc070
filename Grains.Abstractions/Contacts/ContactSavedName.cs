namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>
/// How the business saved the user in the WhatsApp Business app's address book (coexistence,
/// <c>smb_app_state_sync</c>): a name the business chose, unlike the profile name the user chose.
/// </summary>
/// <param name="Removed">The business removed the contact from its address book (no name then).</param>
[GenerateSerializer, Immutable, Alias("waapp.ContactSavedName")]
public sealed record ContactSavedName(string? FullName, string? FirstName, bool Removed);

/// <summary>The business number <paramref name="PhoneNumberId"/> saved the user as <paramref name="Name"/> (null: removed).</summary>
[GenerateSerializer, Immutable, Alias("contact.saved-name-changed.v1")]
public sealed record ContactSavedNameChanged(string PhoneNumberId, string? Name, DateTimeOffset ObservedAt) : ContactEvent;
