using WaApp.EventSourcing.Grains;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Outbound;
using WaApp.WhatsApp.Identities;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Identities: a conversation keyed by a customer's alias forwards what arrives to the customer's conversation, and
/// sends go to the customer's newest number or BSUID, not to the id the conversation was first keyed by.
/// </summary>
public sealed partial class ConversationGrain
{
    [AssumesNewStream]
    public Task RedirectAsync(string conversationId) => DecideAsync(async () =>
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        if (string.Equals(conversationId, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException("A conversation cannot forward to itself.", nameof(conversationId));
        }

        if (TentativeState.RedirectedTo is null)
        {
            Raise(new ConversationRedirected(conversationId));
            await ConfirmDecisionsAsync();
        }

        // A forward is no conversation of its own: nothing to show in the business's list or the live feed.
        _ = TakeConfirmedEvents();
        return true;
    });

    /// <summary>Where sends to this customer go (see <see cref="ConversationState.CustomerAddress"/>).</summary>
    private string CustomerAddress => TentativeState.CustomerAddress(Key.ContactId);

    /// <summary>
    /// Authentication templates (one-tap, zero-tap, copy-code) need a phone number: Meta refuses them to a BSUID with
    /// 131062. To a customer who writes by username they go to the number WaApp last saw, if any; a customer known
    /// only by a BSUID is refused here, before anything is queued. The template's category is asked of the account
    /// only for a template to a BSUID.
    /// </summary>
    /// <returns>The address to send to, or a problem.</returns>
    private async Task<(string Address, string? Problem)> AddressForAsync(OutboundContent content)
    {
        var address = CustomerAddress;
        if (OutboundTemplates.NameAndLanguage(content) is not { } template || !BusinessScopedUserId.IsValid(address))
        {
            return (address, null);
        }

        var category = await TemplateCategoryAsync(template.Name, template.LanguageCode);
        if (!string.Equals(category, AuthenticationTemplateCategory, StringComparison.OrdinalIgnoreCase))
        {
            return (address, null);
        }

        return TentativeState.CustomerWaId is { } number
            ? (number, null)
            : (address, "Authentication templates need the customer's phone number, and this customer is known only by a business-scoped user id (they use a WhatsApp username); WhatsApp refuses them (error 131062). Use another template category or ask the customer for their number.");
    }

    private const string AuthenticationTemplateCategory = "AUTHENTICATION";

    // The first activation of an alias key assumes a new stream; the forward is found when its first commit collides
    // with the stored redirect (one failed write and one read, once per activation of a rarely used key).
    private Task<IngestResult> IngestOrForwardAsync(IReadOnlyList<ConversationUpdate> updates) =>
        TentativeState.RedirectedTo is { } target
            ? GrainFactory.GetGrain<IConversationGrain>(target).IngestAsync(updates)
            : IngestOnceAsync(updates);
}
