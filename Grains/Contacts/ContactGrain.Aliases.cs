using Microsoft.Extensions.Logging;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Contacts;

/// <summary>
/// The contact's side of the alias index: every id it learns (a BSUID next to the number, a parent BSUID, a username,
/// a new number or BSUID) is claimed for this contact, once, after the change is stored. A number a message can be
/// routed by (a message with a wa_id is keyed by it) also gets a forward in each of the contact's conversations, so a
/// later message by that number reaches the customer's conversation without the gateway asking the index.
/// </summary>
public sealed partial class ContactGrain
{
    private (int Aliases, string? Username) KnownIds() => (TentativeState.Aliases.Count, TentativeState.Username);

    private async Task IndexNewAliasesAsync((int Aliases, string? Username) known)
    {
        var contactId = this.GetPrimaryKeyString();
        List<string> added = [.. State.Aliases.Skip(known.Aliases).Where(alias => alias != contactId)];
        if (State.Username is { Length: > 0 } username && username != known.Username)
        {
            added.Add(ContactAliases.ForUsername(username));
        }

        if (added.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var alias in added)
            {
                var owner = await GrainFactory.GetGrain<IContactAliasGrain>(alias).ClaimAsync(contactId);
                if (owner != contactId)
                {
                    await ForwardToOwnerAsync(contactId, owner);
                }
                else if (ContactAliases.IsRoutingNumber(alias))
                {
                    await ForwardConversationsAsync(alias, contactId);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ContactLog.AliasIndexFailed(logger, added.Count, exception);
        }
    }

    // This contact's id and the owner's are the same person, and the owner was known first (a customer first seen by
    // username, then, on a gateway that had not seen them, with their number): this contact's conversations forward.
    private async Task ForwardToOwnerAsync(string contactId, string owner)
    {
        ContactLog.AliasOwnedElsewhere(logger);
        if (ContactAliases.IsRoutingNumber(contactId))
        {
            await GrainFactory.GetGrain<IContactAliasGrain>(contactId).ClaimAsync(owner);
            await ForwardConversationsAsync(contactId, owner);
        }
    }

    private async Task ForwardConversationsAsync(string alias, string contactId)
    {
        foreach (var conversation in State.Conversations)
        {
            await GrainFactory.GetGrain<IConversationGrain>(new ConversationKey(conversation.PhoneNumberId, alias).ToString())
                .RedirectAsync(new ConversationKey(conversation.PhoneNumberId, contactId).ToString());
        }
    }
}
