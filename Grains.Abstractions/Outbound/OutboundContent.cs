using System.Text.Json.Serialization;

namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>What a business message says. Free-form kinds need an open 24-hour window; templates do not.</summary>
/// <remarks>Stored in events as JSON with a <c>kind</c> discriminator; never rename the discriminator values.</remarks>
[GenerateSerializer, Immutable]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TextContent), "text")]
[JsonDerivedType(typeof(TemplateContent), "template")]
[JsonDerivedType(typeof(MessageObjectContent), "message")]
public abstract record OutboundContent
{
    /// <summary>Meta's message type, e.g. <c>text</c> or <c>template</c>.</summary>
    [JsonIgnore]
    public abstract string Type { get; }

    /// <summary>True when only an open customer service window allows it (everything but templates).</summary>
    [JsonIgnore]
    public virtual bool NeedsOpenWindow => true;

    /// <summary>The text a person reads in the conversation, if any.</summary>
    [JsonIgnore]
    public abstract string? Preview { get; }
}

/// <summary>A text message (at most 4096 characters); <paramref name="PreviewUrl"/> renders the first link.</summary>
[GenerateSerializer, Immutable, Alias("waapp.TextContent")]
public sealed record TextContent(string Body, bool PreviewUrl = false) : OutboundContent
{
    public const int MaxLength = 4096;

    public override string Type => "text";

    public override string? Preview => Body;
}

/// <summary>An approved template with positional body parameters; the only content allowed outside the window.</summary>
[GenerateSerializer, Immutable, Alias("waapp.TemplateContent")]
public sealed record TemplateContent(string Name, string LanguageCode, IReadOnlyList<string> BodyParameters) : OutboundContent
{
    public override string Type => "template";

    public override bool NeedsOpenWindow => false;

    public override string? Preview => BodyParameters.Count == 0 ? $"[template {Name}]" : $"[template {Name}: {string.Join(", ", BodyParameters)}]";
}
