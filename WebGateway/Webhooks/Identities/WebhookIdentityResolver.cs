using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WhatsApp.Identities;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks.Identities;

/// <summary>
/// Routes every update by the customer's WaApp contact id (the id WaApp first knew them by), whichever alias the
/// webhook names them by. Store budget: an id this gateway has routed before costs nothing; a message naming a wa_id
/// is routed by it without a lookup (a number that became an alias forwards inside its conversation); only a
/// BSUID-only sender or recipient this gateway has not seen costs one read of the alias index, once per distinct
/// BSUID in the body, in parallel. Identity changes (rare) are written before the answer: the new ids are assigned to
/// the customer in the index and their conversations forward to the customer's.
/// </summary>
public sealed class WebhookIdentityResolver(IGrainFactory grains, ContactAliasCache cache, IOptions<WebhookOptions> options)
{
    /// <summary>The updates with every conversation and contact rewritten to the customer's contact id.</summary>
    /// <exception cref="TimeoutException">The index did not answer within the acknowledge timeout.</exception>
    public async Task<IReadOnlyList<WebhookUpdate>> ResolveAsync(IReadOnlyList<WebhookUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var work = PrepareAsync(updates);
        if (!work.IsCompletedSuccessfully)
        {
            await work.WaitAsync(options.Value.AcknowledgeTimeout, cancellationToken);
        }

        // A loop, not LINQ: this runs for every webhook.
        var rewritten = new WebhookUpdate[updates.Count];
        for (var i = 0; i < rewritten.Length; i++)
        {
            rewritten[i] = Rewrite(updates[i]);
        }

        return rewritten;
    }

    // Changes first: a body can carry a number change and then messages from the new number.
    private async Task PrepareAsync(IReadOnlyList<WebhookUpdate> updates)
    {
        await ApplyIdentityChangesAsync(updates);
        await LookUpUnknownBsuidsAsync(updates);
    }

    private async Task ApplyIdentityChangesAsync(IReadOnlyList<WebhookUpdate> updates)
    {
        foreach (var update in updates)
        {
            if (update is not ContactIdentityChangeUpdate change)
            {
                continue;
            }

            var contactId = await ContactOfAsync(change.ContactId);
            foreach (var newId in new[] { change.NewWaId, change.NewUserId })
            {
                if (newId is null || newId == contactId || newId.Length > WebhookRouter.MaxIdLength)
                {
                    continue;
                }

                // Meta says the id is now this user's: assign it even if it named someone else before (numbers are recycled).
                await grains.GetGrain<IContactAliasGrain>(newId).AssignAsync(contactId);
                // An oversized number id names no conversation WaApp can key (the router refuses its updates too).
                if (change.Source.PhoneNumberId is { Length: > 0 and <= WebhookRouter.MaxIdLength } phoneNumberId)
                {
                    await grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, newId).ToString())
                        .RedirectAsync(new ConversationKey(phoneNumberId, contactId).ToString());
                }

                cache.Remember(newId, contactId);
            }
        }
    }

    private async Task<string> ContactOfAsync(string id)
    {
        if (cache.TryGet(id, out var known))
        {
            return known;
        }

        var contactId = await grains.GetGrain<IContactAliasGrain>(id).ResolveAsync() ?? id;
        cache.Remember(id, contactId);
        return contactId;
    }

    private Task LookUpUnknownBsuidsAsync(IReadOnlyList<WebhookUpdate> updates)
    {
        // Nearly every webhook names only known or wa_id customers: that case allocates nothing.
        HashSet<string>? unknown = null;
        foreach (var update in updates)
        {
            var (waId, userId) = IdsOf(update);
            if (waId is null && userId is not null && userId.Length <= WebhookRouter.MaxIdLength && !cache.TryGet(userId, out _))
            {
                (unknown ??= new HashSet<string>(StringComparer.Ordinal)).Add(userId);
            }
        }

        return unknown is null ? Task.CompletedTask : Task.WhenAll(unknown.Select(ContactOfAsync));
    }

    private WebhookUpdate Rewrite(WebhookUpdate update)
    {
        // A group's conversation is keyed by the group, never by the participant who wrote or was named.
        if (update is ConversationWebhookUpdate { Conversation.ContactId: var routed } && GroupIds.IsGroup(routed))
        {
            return update;
        }

        var ids = IdsOf(update);
        if (ids.WaId is null && ids.UserId is null)
        {
            return update;
        }

        var contactId = cache.TryGet(ids.WaId, out var byNumber) ? byNumber
            : cache.TryGet(ids.UserId, out var byUserId) ? byUserId
            : (ids.WaId ?? ids.UserId)!;
        cache.Remember(ids.WaId, contactId);
        cache.Remember(ids.UserId, contactId);
        // Routed by the id it names (every wa_id customer seen first by number): the update stays as it is.
        if (RoutedId(update) == contactId)
        {
            return update;
        }

        return update switch
        {
            MessageUpdate message => message with { Conversation = message.Conversation with { ContactId = contactId } },
            StatusUpdate status => status with { Conversation = status.Conversation with { ContactId = contactId } },
            UserPreferenceUpdate preference => preference with { Conversation = preference.Conversation with { ContactId = contactId } },
            ContactUpdate contact => contact with { ContactId = contactId },
            ContactIdentityChangeUpdate change => change with { ContactId = contactId },
            CallUpdate call => call with { Conversation = call.Conversation with { ContactId = contactId } },
            CoexistenceMessageUpdate coexistence => coexistence with { Conversation = coexistence.Conversation with { ContactId = contactId } },
            _ => update,
        };
    }

    private static string? RoutedId(WebhookUpdate update) => update switch
    {
        ConversationWebhookUpdate routed => routed.Conversation.ContactId,
        ContactUpdate contact => contact.ContactId,
        ContactIdentityChangeUpdate change => change.ContactId,
        _ => null,
    };

    /// <summary>
    /// The customer's ids an update names; a system identity change names the ids the user had until now. Calls name
    /// the user on the other end (the caller of an incoming call, the callee of an outgoing one), echoes the user the
    /// business wrote to, history messages the thread's user.
    /// </summary>
    private static (string? WaId, string? UserId) IdsOf(WebhookUpdate update) => update switch
    {
        MessageUpdate message => (
            ContactIdentity.Present(message.Message.From) ?? ContactIdentity.Present(message.Contact?.WaId),
            ContactIdentity.Present(message.Message.FromUserId) ?? ContactIdentity.Present(message.Contact?.UserId)),
        StatusUpdate status => (ContactIdentity.Present(status.Status.RecipientId), ContactIdentity.Present(status.Status.RecipientUserId)),
        UserPreferenceUpdate preference => (ContactIdentity.Present(preference.Preference.WaId), ContactIdentity.Present(preference.Preference.UserId)),
        ContactUpdate contact => (ContactIdentity.Present(contact.Contact.WaId), ContactIdentity.Present(contact.Contact.UserId)),
        ContactIdentityChangeUpdate change => (ContactIdentity.Present(change.ContactId), null),
        CallUpdate call => call.Call.IsIncoming
            ? OrRouted((ContactIdentity.Present(call.Call.From), ContactIdentity.Present(call.Call.FromUserId)), call.Conversation)
            : OrRouted((ContactIdentity.Present(call.Call.To), ContactIdentity.Present(call.Call.ToUserId)), call.Conversation),
        CoexistenceMessageUpdate { FromBusiness: true } echo =>
            OrRouted((ContactIdentity.Present(echo.Message.To), ContactIdentity.Present(echo.Message.ToUserId)), echo.Conversation),
        CoexistenceMessageUpdate history =>
            OrRouted((ContactIdentity.Present(history.Message.From), ContactIdentity.Present(history.Message.FromUserId)), history.Conversation),
        _ => (null, null),
    };

    // A history thread names its user once, by the thread id: a message in it may carry neither id itself.
    private static (string? WaId, string? UserId) OrRouted((string? WaId, string? UserId) ids, ConversationRoute routed) =>
        ids.WaId is not null || ids.UserId is not null ? ids
        : BusinessScopedUserId.IsValid(routed.ContactId) ? (null, routed.ContactId)
        : (routed.ContactId, null);
}
