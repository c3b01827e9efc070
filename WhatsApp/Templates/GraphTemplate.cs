namespace WaApp.WhatsApp.Templates;

/// <summary>One item of <c>GET /{waba-id}/message_templates</c>, with its components kept as Meta's JSON.</summary>
public sealed record GraphTemplate(
    string Id,
    string Name,
    string Language,
    string? Category,
    string Status,
    string? ParameterFormat,
    string? ComponentsJson,
    string? Quality,
    string? RejectedReason);
