namespace WaApp.WhatsApp.Graph;

/// <summary>An approved template; parameters must match it exactly (count, order, type).</summary>
public sealed record TemplatePayload(string Name, TemplateLanguage Language, IReadOnlyList<TemplateComponent>? Components = null)
{
    public TemplatePayload(string name, string languageCode, params TemplateComponent[] components)
        : this(name, new TemplateLanguage(languageCode), components.Length == 0 ? null : components)
    {
    }
}

public sealed record TemplateLanguage(string Code);

/// <summary>One <c>header</c>, <c>body</c> or <c>button</c> component with its parameters.</summary>
public sealed record TemplateComponent
{
    private TemplateComponent(string type) => Type = type;

    public string Type { get; }

    /// <summary><c>quick_reply</c>, <c>url</c>, <c>copy_code</c>… for buttons.</summary>
    public string? SubType { get; private init; }

    /// <summary>The button's position, as the string Meta expects.</summary>
    public string? Index { get; private init; }

    public IReadOnlyList<TemplateParameter> Parameters { get; private init; } = [];

    public static TemplateComponent Header(params TemplateParameter[] parameters) => new("header") { Parameters = parameters };

    public static TemplateComponent Body(params TemplateParameter[] parameters) => new("body") { Parameters = parameters };

    public static TemplateComponent Button(string subType, int index, params TemplateParameter[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subType);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new("button")
        {
            SubType = subType,
            Index = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Parameters = parameters,
        };
    }
}

/// <summary>A template parameter: text (optionally named), currency, date_time, media or a button payload.</summary>
public sealed record TemplateParameter
{
    private TemplateParameter(string type) => Type = type;

    public string Type { get; }

    /// <summary>Set for templates created with named parameters (<c>{{first_name}}</c>).</summary>
    public string? ParameterName { get; private init; }

    public string? Text { get; private init; }

    public string? Payload { get; private init; }

    public CurrencyValue? Currency { get; private init; }

    public DateTimeValue? DateTime { get; private init; }

    public MediaPayload? Image { get; private init; }

    public MediaPayload? Video { get; private init; }

    public MediaPayload? Document { get; private init; }

    public static TemplateParameter FromText(string text, string? parameterName = null) =>
        new("text") { Text = text, ParameterName = parameterName };

    /// <summary>An amount in thousandths of the unit (USD 10.99 → 10990); <paramref name="fallbackValue"/> is shown when localization fails.</summary>
    public static TemplateParameter FromCurrency(string fallbackValue, string code, long amount1000, string? parameterName = null) =>
        new("currency") { Currency = new CurrencyValue(fallbackValue, code, amount1000), ParameterName = parameterName };

    public static TemplateParameter FromDateTime(string fallbackValue, string? parameterName = null) =>
        new("date_time") { DateTime = new DateTimeValue(fallbackValue), ParameterName = parameterName };

    public static TemplateParameter FromImage(MediaPayload image) => new("image") { Image = image };

    public static TemplateParameter FromVideo(MediaPayload video) => new("video") { Video = video };

    public static TemplateParameter FromDocument(MediaPayload document) => new("document") { Document = document };

    /// <summary>The payload a quick-reply button returns in the <c>button</c> webhook when tapped.</summary>
    public static TemplateParameter FromPayload(string payload) => new("payload") { Payload = payload };
}

public sealed record CurrencyValue(
    string FallbackValue,
    string Code,
    [property: System.Text.Json.Serialization.JsonPropertyName("amount_1000")] long Amount1000);

public sealed record DateTimeValue(string FallbackValue);
