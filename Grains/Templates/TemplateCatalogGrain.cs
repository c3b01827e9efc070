using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Templates;
using WaApp.WhatsApp.Templates;

namespace WaApp.Grains.Templates;

/// <summary>
/// A business account's templates. Synced from the Graph API on activation when stale, every
/// <see cref="TemplateCatalogOptions.SyncInterval"/>, on demand and shortly after template webhooks; the webhooks
/// themselves update status, quality and category at once, so a paused template is refused before the next sync.
/// A silo without a Graph client (tests) keeps what webhooks say.
/// </summary>
public sealed class TemplateCatalogGrain(
    [PersistentState("template-catalog")] IPersistentState<TemplateCatalogState> state,
    IServiceProvider services,
    IOptions<TemplateCatalogOptions> options,
    TimeProvider clock,
    ILogger<TemplateCatalogGrain> logger)
    : Grain, ITemplateCatalogGrain
{
    /// <summary>What an edit of a template the catalog does not hold answers, like a Graph 404.</summary>
    private const int NotFoundStatus = 404;

    private readonly TemplateCatalogOptions _options = options.Value;
    private readonly ITemplateManagementClient? _client = services.GetService<ITemplateManagementClient>();
    private string? _syncError;
    private IGrainTimer? _webhookSync;

    private string WabaId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            var age = state.State.SyncedAt is { } syncedAt ? clock.GetUtcNow() - syncedAt : TimeSpan.MaxValue;
            var due = age >= _options.SyncInterval ? TimeSpan.Zero : _options.SyncInterval - age;
            this.RegisterGrainTimer(SyncQuietlyAsync, new GrainTimerCreationOptions(due, _options.SyncInterval));
        }

        return Task.CompletedTask;
    }

    public Task<TemplateCatalogView> GetAsync() =>
        Task.FromResult(new TemplateCatalogView([.. state.State.Templates], state.State.SyncedAt, _syncError));

    public Task<TemplateLookup> FindAsync(string name) =>
        Task.FromResult(new TemplateLookup([.. state.State.Templates.Where(template => template.Name == name)], state.State.SyncedAt is not null));

    public async Task<TemplateCommandResult> SyncAsync()
    {
        if (_client is null)
        {
            return new TemplateCommandResult(false, null, null, null, "This silo has no Graph API client.");
        }

        var listed = await _client.ListAllAsync(WabaId);
        if (!listed.Succeeded)
        {
            _syncError = listed.Error;
            TemplateCatalogLog.SyncFailed(logger, WabaId, listed.Error!);
            return new TemplateCommandResult(false, null, listed.HttpStatus, listed.ErrorCode, listed.Error);
        }

        var now = clock.GetUtcNow();
        var fresh = listed.Value!.Select(template => new MessageTemplate(
            template.Name, template.Language, template.Category, template.Status.ToUpperInvariant(), template.Id, template.ParameterFormat,
            template.ComponentsJson, template.Quality, Reason(template.RejectedReason), now, Listed: true)).ToList();

        // A template only a webhook told of stays (the list may lag); one the last sync listed and this one does not was deleted.
        var keys = fresh.Select(Key).ToHashSet();
        var kept = state.State.Templates.Where(template => !template.Listed && !keys.Contains(Key(template)));
        await StoreAsync([.. fresh, .. kept], now);
        _syncError = null;
        TemplateCatalogLog.Synced(logger, fresh.Count, WabaId);
        return new TemplateCommandResult(true, null, null, null, null, fresh.Count);
    }

    public async Task<TemplateCommandResult> CreateAsync(string creationJson)
    {
        if (_client is null)
        {
            return new TemplateCommandResult(false, null, null, null, "This silo has no Graph API client.");
        }

        var created = await _client.CreateAsync(WabaId, creationJson);
        if (!created.Succeeded)
        {
            return new TemplateCommandResult(false, null, created.HttpStatus, created.ErrorCode, created.Error);
        }

        var (name, language, category, format, components) = TemplateCreationBody.Read(creationJson);
        var template = new MessageTemplate(
            name, language, created.Value!.Category ?? category, created.Value.Status.ToUpperInvariant(), created.Value.Id, format, components, null, null,
            clock.GetUtcNow(), Listed: true);
        await StoreAsync([.. state.State.Templates.Where(existing => Key(existing) != Key(template)), template], state.State.SyncedAt);
        return new TemplateCommandResult(true, template, created.HttpStatus, null, null, 1);
    }

    public async Task<TemplateCommandResult> EditAsync(string name, string language, string editJson)
    {
        if (_client is null)
        {
            return new TemplateCommandResult(false, null, null, null, "This silo has no Graph API client.");
        }

        if (state.State.Templates.FirstOrDefault(template => template.Name == name && template.Language == language) is not { TemplateId: { Length: > 0 } templateId } existing)
        {
            return new TemplateCommandResult(false, null, NotFoundStatus, null, $"Template '{name}' ({language}) is not in the catalog; sync the templates if it was created elsewhere.");
        }

        var edited = await _client.EditAsync(templateId, editJson);
        if (!edited.Succeeded)
        {
            return new TemplateCommandResult(false, null, edited.HttpStatus, edited.ErrorCode, edited.Error);
        }

        // Meta reviews the edited template again; its status webhook (and the sync after it) says how the review went.
        var (category, components) = TemplateEditBody.Read(editJson);
        var template = existing with
        {
            Category = category ?? existing.Category,
            ComponentsJson = components ?? existing.ComponentsJson,
            Status = "PENDING",
            Reason = null,
            UpdatedAt = clock.GetUtcNow(),
        };
        await StoreAsync([.. state.State.Templates.Where(other => Key(other) != Key(template)), template], state.State.SyncedAt);
        return new TemplateCommandResult(true, template, edited.HttpStatus, null, null, 1);
    }

    public async Task<TemplateCommandResult> DeleteAsync(string name)
    {
        if (_client is null)
        {
            return new TemplateCommandResult(false, null, null, null, "This silo has no Graph API client.");
        }

        var deleted = await _client.DeleteAsync(WabaId, name);
        if (!deleted.Succeeded)
        {
            return new TemplateCommandResult(false, null, deleted.HttpStatus, deleted.ErrorCode, deleted.Error);
        }

        var count = state.State.Templates.Count(template => template.Name == name);
        await StoreAsync([.. state.State.Templates.Where(template => template.Name != name)], state.State.SyncedAt);
        return new TemplateCommandResult(true, null, deleted.HttpStatus, null, null, count);
    }

    public async Task ApplyNoticesAsync(IReadOnlyList<BusinessNotice> notices)
    {
        var templates = state.State.Templates.ToList();
        var changed = false;
        foreach (var notice in notices)
        {
            if (TemplateWebhookChange.Read(notice.Field, notice.RawJson) is not { } change)
            {
                continue;
            }

            TemplateCatalogLog.Applied(logger, WabaId, $"{change.GetType().Name} {change.Name} ({change.Language})");
            var at = notice.Time ?? clock.GetUtcNow();
            var index = templates.FindIndex(template => template.Name == change.Name && template.Language == change.Language);
            var existing = index >= 0 ? templates[index] : null;
            MessageTemplate? updated = change switch
            {
                TemplateWebhookChange.StatusChanged { Status: "DELETED" or "PENDING_DELETION" } => null,
                TemplateWebhookChange.StatusChanged status => (existing ?? New(change, at)) with
                {
                    // REINSTATED and UNARCHIVED put a template back in use; FLAGGED only warns.
                    Status = status.Status switch { "REINSTATED" or "UNARCHIVED" => "APPROVED", "FLAGGED" => existing?.Status ?? "APPROVED", _ => status.Status },
                    Reason = status.Reason is "NONE" ? null : status.Reason,
                    Category = status.Category ?? existing?.Category,
                    UpdatedAt = at,
                },
                TemplateWebhookChange.QualityChanged quality when existing is not null => existing with { Quality = quality.Quality, UpdatedAt = at },
                TemplateWebhookChange.CategoryChanged category => (existing ?? New(change, at)) with { Category = category.Category, UpdatedAt = at },
                _ => existing,
            };

            if (updated == existing)
            {
                continue;
            }

            changed = true;
            if (index >= 0)
            {
                templates.RemoveAt(index);
            }

            if (updated is not null)
            {
                templates.Add(updated);
            }
        }

        if (changed)
        {
            await StoreAsync(templates, state.State.SyncedAt);
        }

        // Components and other details only the Graph API has: fetch them once the burst of webhooks is over.
        if (_client is not null && _webhookSync is null)
        {
            _webhookSync = this.RegisterGrainTimer(SyncAfterWebhooksAsync, new GrainTimerCreationOptions(_options.WebhookSyncDelay, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task SyncAfterWebhooksAsync()
    {
        _webhookSync?.Dispose();
        _webhookSync = null;
        await SyncQuietlyAsync();
    }

    private async Task SyncQuietlyAsync()
    {
        try
        {
            await SyncAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _syncError = exception.Message;
            TemplateCatalogLog.SyncFailed(logger, WabaId, exception.Message);
        }
    }

    private async Task StoreAsync(List<MessageTemplate> templates, DateTimeOffset? syncedAt)
    {
        var fitted = TemplateCatalogFit.Fit(templates.OrderBy(template => template.Name, StringComparer.Ordinal).ThenBy(template => template.Language, StringComparer.Ordinal), _options.MaxStoredChars);
        if (fitted.Count != templates.Count || fitted.Count(template => template.ComponentsJson is null) > templates.Count(template => template.ComponentsJson is null))
        {
            TemplateCatalogLog.Trimmed(logger, WabaId);
        }

        if (fitted.SequenceEqual(state.State.Templates) && syncedAt == state.State.SyncedAt)
        {
            return;
        }

        state.State.Templates = fitted;
        state.State.SyncedAt = syncedAt;
        await state.WriteStateAsync();
    }

    private static MessageTemplate New(TemplateWebhookChange change, DateTimeOffset at) =>
        new(change.Name, change.Language, null, "PENDING", change.TemplateId, null, null, null, null, at, Listed: false);

    private static string? Reason(string? reason) => reason is null or "NONE" ? null : reason;

    private static (string Name, string Language) Key(MessageTemplate template) => (template.Name, template.Language);
}
