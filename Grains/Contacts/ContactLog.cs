using Microsoft.Extensions.Logging;

namespace WaApp.Grains.Contacts;

// Contact and alias ids are personal data (phone numbers, BSUIDs): they stay out of these messages.
internal static partial class ContactLog
{
    [LoggerMessage(EventId = 5401, EventName = "ContactAliasIndexFailed", Level = LogLevel.Warning,
        Message = "Could not record {Count} alias(es) of a contact in the alias index; messages by those ids may open a conversation of their own until the next identity change")]
    public static partial void AliasIndexFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5402, EventName = "ContactAliasOwnedElsewhere", Level = LogLevel.Information,
        Message = "An alias of a contact already belonged to another contact (first seen by it); this contact's conversations now forward there")]
    public static partial void AliasOwnedElsewhere(ILogger logger);
}
