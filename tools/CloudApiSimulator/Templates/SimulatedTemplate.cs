using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>One message template of a business account as Meta keeps it: a name and language pair under review.</summary>
public sealed class SimulatedTemplate(string id, string wabaId, string name, string language, string category, string parameterFormat, JsonArray components)
{
    public string Id { get; } = id;

    /// <summary>Creation order, which <c>GET message_templates</c> pages by.</summary>
    public long Sequence { get; set; }

    public string WabaId { get; } = wabaId;

    public string Name { get; } = name;

    public string Language { get; } = language;

    public string Category { get; set; } = category;

    /// <summary><c>POSITIONAL</c> (<c>{{1}}</c>) or <c>NAMED</c> (<c>{{first_name}}</c>).</summary>
    public string ParameterFormat { get; } = parameterFormat;

    /// <summary>Replaced whole by an edit (<c>POST /{template-id}</c>), as Meta does.</summary>
    public JsonArray Components { get; set; } = components;

    /// <summary>When the template was edited while APPROVED: Meta allows one such edit a day and ten in 30 days.</summary>
    public List<DateTimeOffset> ApprovedEdits { get; } = [];

    /// <summary>PENDING, APPROVED, REJECTED, PAUSED, DISABLED (Meta's review statuses).</summary>
    public string Status { get; set; } = "PENDING";

    /// <summary>Why Meta rejected it (<c>INVALID_FORMAT</c>, …); <c>NONE</c> otherwise.</summary>
    public string Reason { get; set; } = "NONE";

    public string Quality { get; set; } = "UNKNOWN";

    /// <summary>Meta's <c>GET message_templates</c> item shape.</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["parameter_format"] = ParameterFormat,
        ["components"] = Components.DeepClone(),
        ["language"] = Language,
        ["status"] = Status,
        ["category"] = Category,
        ["quality_score"] = new JsonObject { ["score"] = Quality },
        ["rejected_reason"] = Reason,
        ["id"] = Id,
    };
}
