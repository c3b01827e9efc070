namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// One business phone number (key: Meta's phone_number_id): metadata, settings, counters and the
/// recent-conversations index. Conversations report to it one-way; it keeps the counts in memory and writes them
/// on a timer, never once per message.
/// </summary>
[Alias("waapp.IBusinessGrain")]
public interface IBusinessGrain : IGrainWithStringKey
{
    /// <summary>A conversation's new activity; applied in memory and flushed on the next timer tick.</summary>
    [OneWay]
    [Alias("ReportActivity")]
    Task ReportActivityAsync(ConversationActivity activity);

    /// <summary>
    /// Several conversations' activity, gathered by one silo (in order per conversation); applied like
    /// <see cref="ReportActivityAsync"/> one after the other.
    /// </summary>
    [OneWay]
    [Alias("ReportActivities")]
    Task ReportActivitiesAsync(IReadOnlyList<ConversationActivity> activities);

    /// <summary>Display number and WABA id from webhook metadata; written only when they change.</summary>
    [OneWay]
    [Alias("ObserveMetadata")]
    Task ObserveMetadataAsync(BusinessMetadata metadata);

    /// <summary>The summary with counters including not yet flushed activity, or null for a number WaApp never saw.</summary>
    [Alias("GetSummary")]
    Task<BusinessSummary?> GetSummaryAsync();

    /// <summary>The stored settings (silos keep their own copy for customer messages, told of every change).</summary>
    [ReadOnly]
    [Alias("GetSettings")]
    Task<BusinessSettings> GetSettingsAsync();

    /// <summary>Validates and stores the settings; returns the problems (nothing is stored) or an empty list.</summary>
    [Alias("UpdateSettings")]
    Task<IReadOnlyList<SettingsFieldError>> UpdateSettingsAsync(BusinessSettings settings);

    [Alias("ListConversations")]
    Task<ConversationListPage> ListConversationsAsync(ConversationListQuery query);

    /// <summary>Writes pending counters and index changes now (the timer does this on its own).</summary>
    [Alias("Flush")]
    Task FlushAsync();
}
