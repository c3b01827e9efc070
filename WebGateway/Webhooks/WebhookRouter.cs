using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// Turns the flattened updates of a webhook into a <see cref="WebhookDeliveryPlan"/>: conversation updates grouped
/// by <c>{phone_number_id}:{contact id}</c> in body order, account notices by WABA, contact facts by user.
/// </summary>
internal static class WebhookRouter
{
    public static WebhookDeliveryPlan Plan(IReadOnlyList<WebhookUpdate> updates, DateTimeOffset receivedAt)
    {
        // Groups are made when something goes into them, and turned into arrays without LINQ: this runs for every
        // webhook, and most carry one message, its contact and nothing else.
        Dictionary<ConversationKey, List<ConversationUpdate>>? conversations = null;
        Dictionary<string, List<BusinessNotice>>? accounts = null;
        Dictionary<string, List<ContactObservation>>? contacts = null;
        List<UnroutableUpdate>? unroutable = null;
        Dictionary<string, BusinessMetadata>? businesses = null;

        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            if (ImplausibleId(update) is { } reason)
            {
                (unroutable ??= []).Add(new UnroutableUpdate(update.Source, reason, update.RawJson));
                continue;
            }

            if (update.Source.PhoneNumberId is { Length: > 0 } phoneNumberId && !(businesses ??= new(StringComparer.Ordinal)).ContainsKey(phoneNumberId))
            {
                businesses[phoneNumberId] = new BusinessMetadata(update.Source.DisplayPhoneNumber, update.Source.BusinessAccountId);
            }

            switch (update)
            {
                case MessageUpdate message:
                    Add(ref conversations, Key(message.Conversation), WebhookTimelineMapper.EditOrRevoke(message) ?? ToInbound(message));
                    break;
                case CallUpdate call:
                    Add(ref conversations, Key(call.Conversation), WebhookTimelineMapper.ToCall(call, receivedAt));
                    break;
                case CoexistenceMessageUpdate imported:
                    Add(ref conversations, Key(imported.Conversation), WebhookTimelineMapper.ToImported(imported, receivedAt));
                    break;
                case GroupEventUpdate group:
                    Add(ref conversations, Key(group.Conversation), WebhookTimelineMapper.ToGroupEvent(group, receivedAt));
                    break;
                case ContactNameUpdate name when name.Source.BusinessAccountId is { } account:
                    // Kept as a notice of the WABA (durable), and the name goes to the contact (one-way).
                    Add(ref accounts, account, new BusinessNotice(name.Source.Field, name.Removed ? "remove" : "add", name.Timestamp,
                        name.Source.PhoneNumberId, null, null, name.RawJson));
                    Add(ref contacts, name.ContactId, new ContactObservation(
                        name.Source.PhoneNumberId, null, null, name.ContactId, null, name.Timestamp ?? receivedAt,
                        SavedName: new ContactSavedName(name.FullName, name.FirstName, name.Removed)));
                    break;
                case StatusUpdate status:
                    Add(ref conversations, Key(status.Conversation), ToStatus(status));
                    break;
                case UserPreferenceUpdate preference:
                    Add(ref conversations, Key(preference.Conversation), ToPreference(preference, receivedAt));
                    break;
                case ContactUpdate contact:
                    Add(ref contacts, contact.ContactId, new ContactObservation(
                        contact.Source.PhoneNumberId, contact.Contact.Profile?.Name, contact.Contact.Profile?.Username,
                        contact.Contact.WaId, contact.Contact.UserId, receivedAt, ParentUserId: ContactIdentity.Present(contact.Contact.ParentUserId)));
                    break;
                case ContactIdentityChangeUpdate change:
                    Add(ref contacts, change.ContactId, new ContactObservation(
                        change.Source.PhoneNumberId, null, null, null, null, change.Timestamp ?? receivedAt,
                        new ContactIdentityChange(change.ChangeType, change.NewWaId, change.NewUserId, change.MessageId)));
                    break;
                case ErrorUpdate error when error.Source.BusinessAccountId is { } account:
                    Add(ref accounts, account, new BusinessNotice(
                        error.Source.Field, null, null, error.Source.PhoneNumberId, error.Source.DisplayPhoneNumber,
                        WebhookContentMapper.ToError(error.Error), error.RawJson));
                    break;
                case BusinessFieldUpdate field when field.Source.BusinessAccountId is { } account:
                    Add(ref accounts, account, new BusinessNotice(
                        field.Source.Field, field.Value?.Event, field.Time, field.Source.PhoneNumberId, Subject(field), null, field.RawJson));
                    break;
                case UnroutableUpdate item:
                    (unroutable ??= []).Add(item);
                    break;
                default:
                    (unroutable ??= []).Add(new UnroutableUpdate(update.Source, "The update names no business account.", update.RawJson));
                    break;
            }
        }

        return new WebhookDeliveryPlan(
            Batches(conversations, static (key, updates) => new ConversationBatch(key, updates)),
            Batches(accounts, static (account, notices) => new BusinessAccountBatch(account, notices)),
            Batches(contacts, static (contact, observations) => new ContactBatch(contact, observations)),
            unroutable is null ? [] : unroutable)
        {
            Businesses = Batches(businesses, static (number, metadata) => new BusinessMetadataBatch(number, metadata)),
        };
    }

    /// <summary>
    /// Meta's ids (numbers, WABAs, wa_ids, BSUIDs) are a few dozen characters; they become storage keys, and DynamoDB
    /// refuses keys over 2 KB, so an update naming a longer id could never be stored and would be retried forever.
    /// </summary>
    public const int MaxIdLength = 128;

    private static string? ImplausibleId(WebhookUpdate update)
    {
        ConversationRoute? route = update is ConversationWebhookUpdate routed ? routed.Conversation : null;
        if (route is { } named && (string.IsNullOrWhiteSpace(named.PhoneNumberId) || string.IsNullOrWhiteSpace(named.ContactId)))
        {
            return "The update names no business number or no customer.";
        }

        if (update is ErrorUpdate or BusinessFieldUpdate or ContactNameUpdate && update.Source.BusinessAccountId is { } account && string.IsNullOrWhiteSpace(account))
        {
            return "The update names no business account.";
        }

        // Checked without arrays or LINQ: this runs for every update of every webhook.
        var tooLong = update switch
        {
            ContactUpdate contact => TooLong(contact.ContactId),
            ContactIdentityChangeUpdate change => TooLong(change.ContactId),
            ContactNameUpdate name => TooLong(name.ContactId),
            _ => route is { } conversation && (TooLong(conversation.PhoneNumberId) || TooLong(conversation.ContactId)),
        };
        return tooLong || TooLong(update.Source.PhoneNumberId) || TooLong(update.Source.BusinessAccountId)
            ? $"The update names an id longer than {MaxIdLength} characters."
            : null;
    }

    private static bool TooLong(string? id) => id is { Length: > MaxIdLength };

    private static ConversationKey Key(ConversationRoute route) => new(route.PhoneNumberId, route.ContactId);

    private static InboundMessage ToInbound(MessageUpdate update)
    {
        var message = update.Message;
        return new InboundMessage(
            message.Id ?? string.Empty,
            message.From,
            message.FromUserId,
            message.Timestamp ?? DateTimeOffset.UnixEpoch,
            message.Type ?? "unknown",
            WebhookContentMapper.ReadableText(message),
            update.Contact?.Profile?.Name,
            update.RawJson,
            WebhookContentMapper.ToContent(message))
        {
            GroupId = ContactIdentity.Present(message.GroupId),
        };
    }

    private static StatusReport ToStatus(StatusUpdate update)
    {
        var status = update.Status;
        return new StatusReport(
            status.Id ?? string.Empty,
            status.Status ?? "unknown",
            status.Timestamp ?? DateTimeOffset.UnixEpoch,
            status.RecipientId,
            status.RecipientUserId,
            status.BizOpaqueCallbackData,
            status.Pricing is { } pricing ? new PricingInfo(pricing.Billable, pricing.PricingModel, pricing.Type, pricing.Category) : null,
            status.Conversation is { } conversation ? new PricingConversation(conversation.Id, conversation.ExpirationTimestamp, conversation.Origin?.Type) : null,
            WebhookContentMapper.ToErrors(status.Errors),
            update.RawJson);
    }

    private static PreferenceReport ToPreference(UserPreferenceUpdate update, DateTimeOffset receivedAt) => new(
        update.Preference.Category ?? "unknown",
        update.Preference.Value ?? "unknown",
        update.Preference.Detail,
        update.Preference.Timestamp ?? receivedAt,
        update.RawJson);

    private static string? Subject(BusinessFieldUpdate field) => field.Value switch
    {
        TemplateStatusEvent template => template.MessageTemplateName,
        PhoneNumberQualityEvent quality => quality.DisplayPhoneNumber,
        AccountEvent account => account.RestrictionInfo?.FirstOrDefault()?.RestrictionType ?? account.PhoneNumber,
        _ => null,
    };

    private static void Add<TKey, TValue>(ref Dictionary<TKey, List<TValue>>? groups, TKey key, TValue value)
        where TKey : notnull
    {
        groups ??= [];
        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }

        list.Add(value);
    }

    private static TBatch[] Batches<TKey, TValue, TBatch>(Dictionary<TKey, TValue>? groups, Func<TKey, TValue, TBatch> batch)
        where TKey : notnull
    {
        if (groups is null)
        {
            return [];
        }

        var batches = new TBatch[groups.Count];
        var i = 0;
        foreach (var (key, value) in groups)
        {
            batches[i++] = batch(key, value);
        }

        return batches;
    }
}
