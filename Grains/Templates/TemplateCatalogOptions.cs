using Microsoft.Extensions.Options;

namespace WaApp.Grains.Templates;

/// <summary>Tunables of <see cref="TemplateCatalogGrain"/> (configuration section <c>Templates</c>).</summary>
public sealed class TemplateCatalogOptions
{
    public const string SectionName = "Templates";

    /// <summary>How often an active catalog syncs from the Graph API even without a webhook (Meta's review can be missed).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after a template webhook the catalog syncs, so a burst of webhooks costs one sync.</summary>
    public TimeSpan WebhookSyncDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most characters of template JSON the catalog stores. The catalog is one DynamoDB item (400 KB at most);
    /// beyond this, components of templates that cannot be sent are dropped first, then of the rest.
    /// </summary>
    public int MaxStoredChars { get; set; } = 300_000;
}

public sealed class TemplateCatalogOptionsValidator : IValidateOptions<TemplateCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, TemplateCatalogOptions options)
    {
        var failures = new List<string>();
        if (options.SyncInterval < TimeSpan.FromMinutes(1) || options.SyncInterval > TimeSpan.FromDays(1))
        {
            failures.Add("Templates:SyncInterval must be between 00:01:00 and 1.00:00:00.");
        }

        if (options.WebhookSyncDelay < TimeSpan.Zero || options.WebhookSyncDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add("Templates:WebhookSyncDelay must be between 00:00:00 and 00:05:00.");
        }

        if (options.MaxStoredChars is < 10_000 or > 350_000)
        {
            failures.Add("Templates:MaxStoredChars must be between 10000 and 350000 (a DynamoDB item holds at most 400 KB).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
