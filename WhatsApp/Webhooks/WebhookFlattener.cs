namespace WaApp.WhatsApp.Webhooks;

/// <summary>Routes the items of one messages-shaped change to conversations, contacts and the business.</summary>
internal static class WebhookFlattener
{
    public static void AddMessagesValue(WebhookSource source, MessagesValue value, List<WebhookUpdate> updates)
    {
        var phoneNumberId = source.PhoneNumberId;

        // Contacts are matched to messages by id: in a multi-user batch their order says nothing.
        Dictionary<string, WebhookContact> byWaId = new(StringComparer.Ordinal);
        Dictionary<string, WebhookContact> byUserId = new(StringComparer.Ordinal);
        foreach (var (contact, raw) in value.Contacts)
        {
            if (!string.IsNullOrEmpty(contact.WaId))
            {
                byWaId.TryAdd(contact.WaId, contact);
            }

            if (!string.IsNullOrEmpty(contact.UserId))
            {
                byUserId.TryAdd(contact.UserId, contact);
            }

            if (contact.ContactId is { } contactId)
            {
                updates.Add(new ContactUpdate(source, contactId, contact, raw));
            }
        }

        foreach (var (message, raw) in value.Messages)
        {
            var contact = Find(byWaId, message.From) ?? Find(byUserId, message.FromUserId);
            var contactId = FirstNonEmpty(message.From, contact?.WaId, message.FromUserId, contact?.UserId);
            if (phoneNumberId is null || contactId is null || string.IsNullOrEmpty(message.Id))
            {
                updates.Add(new UnroutableUpdate(source, Unroutable("message", phoneNumberId, contactId, "sender"), raw));
                continue;
            }

            updates.Add(new MessageUpdate(source, new ConversationRoute(phoneNumberId, contactId), message, contact, raw));
            if (message.System is { IsIdentityChange: true } system)
            {
                updates.Add(new ContactIdentityChangeUpdate(
                    source,
                    contactId,
                    system.Type!,
                    NewWaId: FirstNonEmpty(system.WaId, system.NewWaId),
                    NewUserId: FirstNonEmpty(system.NewUserId, system.Type == SystemTypes.UserChangedUserId ? system.UserId : null),
                    message.Id,
                    message.Timestamp,
                    raw));
            }
        }

        foreach (var (status, raw) in value.Statuses)
        {
            updates.Add(phoneNumberId is not null && status.ContactId is { } contactId && !string.IsNullOrEmpty(status.Id)
                ? new StatusUpdate(source, new ConversationRoute(phoneNumberId, contactId), status, raw)
                : new UnroutableUpdate(source, Unroutable("status", phoneNumberId, status.ContactId, "recipient"), raw));
        }

        foreach (var (error, raw) in value.Errors)
        {
            updates.Add(new ErrorUpdate(source, error, raw));
        }

        foreach (var (preference, raw) in value.UserPreferences)
        {
            updates.Add(phoneNumberId is not null && preference.ContactId is { } contactId
                ? new UserPreferenceUpdate(source, new ConversationRoute(phoneNumberId, contactId), preference, raw)
                : new UnroutableUpdate(source, Unroutable("user preference", phoneNumberId, preference.ContactId, "user"), raw));
        }
    }

    private static WebhookContact? Find(Dictionary<string, WebhookContact> contacts, string? id) =>
        !string.IsNullOrEmpty(id) && contacts.TryGetValue(id, out var contact) ? contact : null;

    private static string? FirstNonEmpty(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return null;
    }

    private static string Unroutable(string item, string? phoneNumberId, string? contactId, string party) =>
        phoneNumberId is null ? $"The {item} has no metadata.phone_number_id."
        : contactId is null ? $"The {item} names no {party} (neither wa_id nor user_id)."
        : $"The {item} has no id.";
}
