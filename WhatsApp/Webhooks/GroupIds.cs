namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// How a WhatsApp group (Groups API) is keyed: its conversation is <c>"{phone_number_id}:group.{group_id}"</c>. The
/// prefix keeps group ids apart from users' ids (wa_ids are digits, BSUIDs start with a country code and a dot), so
/// group traffic can never land in a participant's 1:1 conversation.
/// </summary>
public static class GroupIds
{
    public const string ContactIdPrefix = "group.";

    /// <summary>The conversation's contact id for group <paramref name="groupId"/>.</summary>
    public static string ContactId(string groupId) => ContactIdPrefix + groupId;

    /// <summary>True when the conversation's contact id names a group, not a user.</summary>
    public static bool IsGroup(string? contactId) =>
        contactId is { Length: > 6 } && contactId.StartsWith(ContactIdPrefix, StringComparison.Ordinal);

    /// <summary>Meta's group id behind a group contact id, or null for a user's id.</summary>
    public static string? GroupId(string? contactId) => IsGroup(contactId) ? contactId![ContactIdPrefix.Length..] : null;
}
