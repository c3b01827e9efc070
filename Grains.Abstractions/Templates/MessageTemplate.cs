namespace WaApp.Grains.Abstractions.Templates;

/// <summary>
/// A template (one name in one language) of a WhatsApp Business Account as WaApp last synced it from the Graph API,
/// updated by Meta's template webhooks in between.
/// </summary>
/// <param name="Status">Meta's status: APPROVED, PENDING, REJECTED, PAUSED, DISABLED, …</param>
/// <param name="ParameterFormat"><c>POSITIONAL</c> or <c>NAMED</c>, as Meta lists it.</param>
/// <param name="ComponentsJson">Meta's <c>components</c> array; null when only a webhook told of the template, or when the catalog had to drop it to fit.</param>
/// <param name="Reason">Why Meta rejected, paused or disabled it.</param>
/// <param name="Listed">True when the last sync listed it; false for a template known only from a webhook.</param>
[GenerateSerializer, Immutable, Alias("waapp.MessageTemplate")]
public sealed record MessageTemplate(
    string Name,
    string Language,
    string? Category,
    string Status,
    string? TemplateId,
    string? ParameterFormat,
    string? ComponentsJson,
    string? Quality,
    string? Reason,
    DateTimeOffset UpdatedAt,
    bool Listed);

/// <summary>The account's templates and how fresh they are.</summary>
/// <param name="SyncedAt">When the last complete sync from the Graph API finished; null: never.</param>
/// <param name="SyncError">Why the last sync failed, if it did.</param>
[GenerateSerializer, Immutable, Alias("waapp.TemplateCatalogView")]
public sealed record TemplateCatalogView(IReadOnlyList<MessageTemplate> Templates, DateTimeOffset? SyncedAt, string? SyncError);

/// <summary>The outcome of a Graph call made for the REST API (create, delete, sync).</summary>
/// <param name="HttpStatus">Meta's HTTP status; null when Meta never answered.</param>
/// <param name="ErrorCode">Meta's <c>error.code</c>.</param>
[GenerateSerializer, Immutable, Alias("waapp.TemplateCommandResult")]
public sealed record TemplateCommandResult(bool Succeeded, MessageTemplate? Template, int? HttpStatus, int? ErrorCode, string? Error, int Count = 0);

/// <summary>The languages of one template name.</summary>
/// <param name="Synced">True once a complete sync succeeded: a name missing from <paramref name="Templates"/> then does not exist at Meta.</param>
[GenerateSerializer, Immutable, Alias("waapp.TemplateLookup")]
public sealed record TemplateLookup(IReadOnlyList<MessageTemplate> Templates, bool Synced);
