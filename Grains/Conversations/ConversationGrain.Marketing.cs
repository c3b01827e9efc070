using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Outbound;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Marketing stops: which sends they refuse, and error 131050 recording one. A stop refuses marketing-category
/// templates on any lane; the category is what Meta said in the account's template notices. A template Meta never
/// categorised counts as marketing on the bulk lane only (campaigns are marketing unless known otherwise).
/// </summary>
public sealed partial class ConversationGrain
{
    private const string MarketingTemplateCategory = "MARKETING";

    /// <summary>Meta's "user stopped marketing messages" send error.</summary>
    private const int MarketingStoppedCode = 131050;

    /// <summary>Whether <paramref name="command"/> is marketing; asks the account only when the customer stopped marketing.</summary>
    private async Task<bool> IsMarketingAsync(SendMessageCommand command)
    {
        if (OutboundTemplates.NameAndLanguage(command.Content) is not { } template || !TentativeState.Consent.MarketingStopped)
        {
            return false;
        }

        var category = await TemplateCategoryAsync(template.Name, template.LanguageCode);
        return category is null
            ? command.Lane == SendLane.Bulk
            : string.Equals(category, MarketingTemplateCategory, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string?> TemplateCategoryAsync(string name, string languageCode)
    {
        var summary = await GrainFactory.GetGrain<IBusinessGrain>(Key.PhoneNumberId).GetSummaryAsync();
        return summary?.WabaId is { Length: > 0 } wabaId
            ? await GrainFactory.GetGrain<IBusinessAccountGrain>(wabaId).GetTemplateCategoryAsync(name, languageCode)
            : null;
    }

    /// <summary>Error 131050 is the customer's marketing stop as Meta knows it: recorded like a <c>user_preferences</c> stop.</summary>
    private void RecordMarketingStop(SendFailed failed, string messageId)
    {
        if (failed.Code == MarketingStoppedCode)
        {
            Raise(new ConsentChanged(ConsentChange.StopMarketing, Clock.GetUtcNow(), messageId));
        }
    }
}
