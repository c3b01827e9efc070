using System.Text.Json;

namespace WaApp.WhatsApp.Templates;

/// <summary>
/// A template webhook read into what it changes: <c>message_template_status_update</c> (status and reason),
/// <c>message_template_quality_update</c> (quality), <c>template_category_update</c> (category) and
/// <c>message_template_components_update</c> (components changed: the definition must be fetched again).
/// </summary>
public abstract record TemplateWebhookChange(string? TemplateId, string Name, string Language)
{
    public const string StatusField = "message_template_status_update";
    public const string QualityField = "message_template_quality_update";
    public const string CategoryField = "template_category_update";
    public const string ComponentsField = "message_template_components_update";

    public static bool IsTemplateField(string field) => field is StatusField or QualityField or CategoryField or ComponentsField;

    /// <summary>The change a webhook value describes; null when it is not a template field or names no template.</summary>
    public static TemplateWebhookChange? Read(string field, string valueJson)
    {
        if (!IsTemplateField(field))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(valueJson);
            var value = document.RootElement;
            if (value.ValueKind != JsonValueKind.Object || String(value, "message_template_name") is not { Length: > 0 } name)
            {
                return null;
            }

            var language = String(value, "message_template_language") ?? string.Empty;
            var id = value.TryGetProperty("message_template_id", out var idElement) ? idElement.ValueKind switch
            {
                JsonValueKind.Number => idElement.GetRawText(),
                JsonValueKind.String => Text(idElement),
                _ => null,
            } : null;
            id = id is { Length: > MaxFieldLength } ? null : id;
            return field switch
            {
                StatusField when String(value, "event") is { Length: > 0 } @event =>
                    new StatusChanged(id, name, language, @event.ToUpperInvariant(), RejectionReason(value), String(value, "message_template_category")),
                QualityField when String(value, "new_quality_score") is { Length: > 0 } quality => new QualityChanged(id, name, language, quality.ToUpperInvariant()),
                CategoryField when String(value, "new_category") is { Length: > 0 } category => new CategoryChanged(id, name, language, category.ToUpperInvariant()),
                ComponentsField => new ComponentsChanged(id, name, language),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? RejectionReason(JsonElement value)
    {
        var reason = String(value, "reason");
        if (value.TryGetProperty("rejection_info", out var info) && String(info, "reason") is { Length: > 0 } detailed)
        {
            return detailed;
        }

        if (value.TryGetProperty("other_info", out var other) && String(other, "title") is { Length: > 0 } title)
        {
            return reason is { Length: > 0 } and not "NONE" ? reason : title;
        }

        return value.TryGetProperty("disable_info", out var disabled) && disabled.TryGetProperty("disable_date", out var date) && reason is null or "NONE"
            ? "disabled since " + date.ToString()
            : reason;
    }

    /// <summary>
    /// The longest text a template change keeps from a webhook (Meta's template names stop at 512 characters). A longer
    /// one is read as absent: the catalog is one DynamoDB item and must never be handed what it cannot store.
    /// </summary>
    public const int MaxFieldLength = 512;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Text(value) : null;

    // A text that is too long or not valid Unicode (JsonDocument keeps a lone surrogate escape such as "\ud800", and
    // reading it throws) is read as absent, like a missing one.
    private static string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString() is { Length: <= MaxFieldLength } text ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public sealed record StatusChanged(string? TemplateId, string Name, string Language, string Status, string? Reason, string? Category)
        : TemplateWebhookChange(TemplateId, Name, Language);

    public sealed record QualityChanged(string? TemplateId, string Name, string Language, string Quality) : TemplateWebhookChange(TemplateId, Name, Language);

    public sealed record CategoryChanged(string? TemplateId, string Name, string Language, string Category) : TemplateWebhookChange(TemplateId, Name, Language);

    public sealed record ComponentsChanged(string? TemplateId, string Name, string Language) : TemplateWebhookChange(TemplateId, Name, Language);
}
