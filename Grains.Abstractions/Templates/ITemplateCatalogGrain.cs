using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Abstractions.Templates;

/// <summary>
/// The message templates of one WhatsApp Business Account (key: the WABA id), synced from the Graph API (all pages)
/// when first used, on demand and after every template webhook. What the pre-send check, the template list and
/// marketing consent read.
/// </summary>
[Alias("waapp.ITemplateCatalogGrain")]
public interface ITemplateCatalogGrain : IGrainWithStringKey
{
    /// <summary>Reads interleave with a sync waiting on the Graph API, so a send's check never waits for Meta.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<TemplateCatalogView> GetAsync();

    /// <summary>Every language of <paramref name="name"/>, and whether the catalog was ever synced (so absence means something).</summary>
    [AlwaysInterleave, Alias("Find")]
    Task<TemplateLookup> FindAsync(string name);

    /// <summary>Reads every page of the account's templates from the Graph API and stores them.</summary>
    [Alias("Sync")]
    Task<TemplateCommandResult> SyncAsync();

    /// <summary>Submits Meta's creation body; on success the template is stored as Meta answered (PENDING).</summary>
    [Alias("Create")]
    Task<TemplateCommandResult> CreateAsync(string creationJson);

    /// <summary>
    /// Sends Meta's edit body for the template <paramref name="name"/> in <paramref name="language"/>; on success the
    /// catalog keeps the new category and components with status PENDING (Meta reviews the edit; its webhook and the
    /// sync it triggers bring the result).
    /// </summary>
    [Alias("Edit")]
    Task<TemplateCommandResult> EditAsync(string name, string language, string editJson);

    /// <summary>Deletes every language of <paramref name="name"/> at Meta, then here.</summary>
    [Alias("Delete")]
    Task<TemplateCommandResult> DeleteAsync(string name);

    /// <summary>
    /// Applies template webhooks (status, quality, category, components) and returns once stored, so a template paused
    /// by a webhook that was answered 200 is refused by the next send. The Graph sync they trigger runs later.
    /// </summary>
    [Alias("ApplyNotices")]
    Task ApplyNoticesAsync(IReadOnlyList<BusinessNotice> notices);
}
