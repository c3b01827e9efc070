namespace WaApp.WhatsApp.Templates;

/// <summary>
/// What WaApp knows of one template (a name in one language) when it checks a send: Meta's review status and, once
/// synced from the Graph API, its creation components as Meta lists them.
/// </summary>
/// <param name="Status">Meta's status: APPROVED, PENDING, REJECTED, PAUSED, DISABLED, …</param>
/// <param name="ParameterFormat"><c>POSITIONAL</c> or <c>NAMED</c>; null: inferred from the variables.</param>
/// <param name="ComponentsJson">The <c>components</c> array as JSON; null when only a webhook told of the template.</param>
/// <param name="Reason">Why Meta rejected, paused or disabled it, when it said.</param>
public sealed record TemplateFacts(string Name, string Language, string Status, string? ParameterFormat, string? ComponentsJson, string? Reason = null);
