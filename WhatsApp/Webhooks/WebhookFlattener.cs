namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// Turns a read <see cref="WebhookEnvelope"/> into routed updates: the items of messages-shaped changes go to
/// conversations, contacts and the business; other fields become business field updates.
/// </summary>
internal static class WebhookFlattener
{
    /// <summary>Every update of every entry and change, in body order. Dashboard samples (entry id <c>0</c>) are counted, not routed.</summary>
    public static ParsedWebhook Flatten(WebhookEnvelope envelope)
    {
        List<WebhookUpdate> updates = [];
        var samples = 0;
        foreach (var entry in envelope.Entries)
        {
            if (entry.IsDashboardSample)
            {
                samples++;
                continue;
            }

            foreach (var change in entry.Changes)
            {
                if (change.Messages is { } value)
                {
                    var source = new WebhookSource(entry.Id, change.Field, value.Metadata?.PhoneNumberId, value.Metadata?.DisplayPhoneNumber);
                    AddMessagesValue(source, value, updates);
                }
                else if (change.Extended is { } extended)
                {
                    var source = new WebhookSource(entry.Id, change.Field, extended.Metadata?.PhoneNumberId, extended.Metadata?.DisplayPhoneNumber);
                    updates.AddRange(extended.Updates.Select(build => build(source)));
                }
                else
                {
                    var display = (change.BusinessValue as PhoneNumberQualityEvent)?.DisplayPhoneNumber;
                    var source = new WebhookSource(entry.Id, change.Field, PhoneNumberId: null, display);
                    updates.Add(new BusinessFieldUpdate(source, entry.Time, change.BusinessValue, change.RawValueJson));
                }
            }
        }

        return new ParsedWebhook(envelope.Object, updates, samples);
    }

    private static void AddMessagesValue(WebhookSource source, MessagesValue value, List<WebhookUpdate> updates)
    {
        var phoneNumberId = source.PhoneNumberId;

        // Contacts are matched to messages by id: in a multi-user batch their order says nothing.
        Dictionary<string, WebhookContact> byWaId = new(StringComparer.Ordinal);
        Dictionary<string, WebhookContact> byUserId = new(StringComparer.Ordinal);
        foreach (var (contact, raw) in value.Contacts)
        {
            if (ContactIdentity.Present(contact.WaId) is { } waId)
            {
                byWaId.TryAdd(waId, contact);
            }

            if (ContactIdentity.Present(contact.UserId) is { } userId)
            {
                byUserId.TryAdd(userId, contact);
            }

            if (contact.ContactId is { } contactId)
            {
                updates.Add(new ContactUpdate(source, contactId, contact, raw));
            }
        }

        foreach (var (message, raw) in value.Messages)
        {
            var contact = Find(byWaId, message.From) ?? Find(byUserId, message.FromUserId);
            var contactId = ContactIdentity.ContactId(
                ContactIdentity.Present(message.From) ?? contact?.WaId,
                ContactIdentity.Present(message.FromUserId) ?? contact?.UserId);
            if (phoneNumberId is null || contactId is null || string.IsNullOrEmpty(message.Id))
            {
                updates.Add(new UnroutableUpdate(source, Unroutable("message", phoneNumberId, contactId, "sender"), raw));
                continue;
            }

            // A group message belongs to the group's conversation, never to the sender's own one.
            var conversationId = ContactIdentity.Present(message.GroupId) is { } groupId ? GroupIds.ContactId(groupId) : contactId;
            updates.Add(new MessageUpdate(source, new ConversationRoute(phoneNumberId, conversationId), message, contact, raw));
            if (message.System is { IsIdentityChange: true } system)
            {
                updates.Add(new ContactIdentityChangeUpdate(
                    source,
                    contactId,
                    system.Type!,
                    ContactIdentity.NewWaId(system),
                    ContactIdentity.NewUserId(system),
                    message.Id,
                    message.Timestamp,
                    raw));
            }
        }

        foreach (var (status, raw) in value.Statuses)
        {
            updates.Add(phoneNumberId is not null && StatusContactId(status) is { } contactId && !string.IsNullOrEmpty(status.Id)
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

    // A status of a message the business sent to a group names the group in recipient_id.
    private static string? StatusContactId(WebhookStatus status) =>
        status.RecipientType == "group" && ContactIdentity.Present(status.RecipientId) is { } groupId ? GroupIds.ContactId(groupId) : status.ContactId;

    private static WebhookContact? Find(Dictionary<string, WebhookContact> contacts, string? id) =>
        ContactIdentity.Present(id) is { } present && contacts.TryGetValue(present, out var contact) ? contact : null;

    private static string Unroutable(string item, string? phoneNumberId, string? contactId, string party) =>
        phoneNumberId is null ? $"The {item} has no metadata.phone_number_id."
        : contactId is null ? $"The {item} names no {party} (neither wa_id nor user_id)."
        : $"The {item} has no id.";
}
