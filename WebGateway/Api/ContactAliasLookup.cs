using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.WebGateway.Api;

/// <summary>
/// The REST API names a customer by any of their ids: the WaApp contact id, a previous or current wa_id, a BSUID, a
/// parent BSUID or <c>@username</c>. Each is looked up in the alias index (one read the first time an id is used
/// while the index entry is not in memory) and the customer's contact id is used.
/// </summary>
internal static class ContactAliasLookup
{
    /// <summary>The contact id <paramref name="id"/> is an alias of, or <paramref name="id"/> itself.</summary>
    public static async Task<string> ContactIdAsync(this IGrainFactory grains, string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return id;
        }

        return await grains.GetGrain<IContactAliasGrain>(id).ResolveAsync() ?? id;
    }

    /// <summary>The customer's conversation with <paramref name="phoneNumberId"/>, found by any of the customer's ids.</summary>
    public static async Task<IConversationGrain> ConversationAsync(this IGrainFactory grains, string phoneNumberId, string contactId) =>
        grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, await grains.ContactIdAsync(contactId)).ToString());
}
