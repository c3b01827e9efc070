using WaApp.EventSourcing.Grains;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
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
    /// 131062. A customer known only by a BSUID is refused here, before anything is queued. Asks the account for the
    /// template's category only for a template to such a customer.
    /// </summary>
    private async Task<string?> AuthenticationTemplateProblemAsync(OutboundContent content)
    {
        if (content is not TemplateContent template || !BusinessScopedUserId.IsValid(CustomerAddress))
        {
            return null;
        }

        var category = await TemplateCategoryAsync(template);
        return string.Equals(category, AuthenticationTemplateCategory, StringComparison.OrdinalIgnoreCase)
            ? "Authentication templates need the customer's phone number, and this customer is known only by a business-scoped user id (they use a WhatsApp username); WhatsApp refuses them (error 131062). Use another template category or ask the customer for their number."
            : null;
    }

    private const string AuthenticationTemplateCategory = "AUTHENTICATION";

    // The first activation of an alias key assumes a new stream; the forward is found when its first commit collides
    // with the stored redirect (one failed write and one read, once per activation of a rarely used key).
    private Task<IngestResult> IngestOrForwardAsync(IReadOnlyList<ConversationUpdate> updates) =>
        TentativeState.RedirectedTo is { } target
            ? GrainFactory.GetGrain<IConversationGrain>(target).IngestAsync(updates)
            : IngestOnceAsync(updates);
}
