using System.Globalization;
using System.Text.Json;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Reading helpers for the message object rules: each names the JSON path it checks and stops the check with a
/// <see cref="RuleViolation"/> at the first problem, so one message object gives one precise answer.
/// </summary>
internal static class JsonRules
{
    public static RuleViolation Violation(string field, string message) => new(new MessageObjectProblem(field, message));

    public static void RequireObject(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Violation(field, $"{field} must be a JSON object.");
        }
    }

    public static bool TryGet(JsonElement element, string property, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A string of 1 to <paramref name="maxLength"/> characters.</summary>
    public static string RequiredString(JsonElement element, string property, string field, int maxLength)
    {
        var path = $"{field}.{property}";
        if (!TryGet(element, property, out var value))
        {
            throw Violation(path, $"{path} is required.");
        }

        return StringValue(value, path, maxLength, allowEmpty: false);
    }

    public static string? OptionalString(JsonElement element, string property, string field, int maxLength) =>
        TryGet(element, property, out var value) ? StringValue(value, $"{field}.{property}", maxLength, allowEmpty: false) : null;

    public static string StringValue(JsonElement value, string path, int maxLength, bool allowEmpty)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Violation(path, $"{path} must be a string.");
        }

        var text = value.GetString()!;
        if (text.Length == 0 && !allowEmpty)
        {
            throw Violation(path, $"{path} cannot be empty.");
        }

        if (string.IsNullOrWhiteSpace(text) && !allowEmpty)
        {
            throw Violation(path, $"{path} cannot be blank.");
        }

        return text.Length > maxLength ? throw Violation(path, $"{path} must be at most {maxLength} characters.") : text;
    }

    public static JsonElement RequiredArray(JsonElement element, string property, string field, int min, int max)
    {
        var path = $"{field}.{property}";
        if (!TryGet(element, property, out var value))
        {
            throw Violation(path, $"{path} is required.");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Violation(path, $"{path} must be an array.");
        }

        var count = value.GetArrayLength();
        return count < min || count > max
            ? throw Violation(path, $"{path} must have {(min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {max}")} items; it has {count}.")
            : value;
    }

    /// <summary>A number, or a string holding one (Meta takes both for coordinates).</summary>
    public static double RequiredNumber(JsonElement element, string property, string field, double min, double max)
    {
        var path = $"{field}.{property}";
        if (!TryGet(element, property, out var value))
        {
            throw Violation(path, $"{path} is required.");
        }

        var number = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw Violation(path, $"{path} must be a number."),
        };
        return double.IsFinite(number) && number >= min && number <= max
            ? number
            : throw Violation(path, $"{path} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
    }

    public static long RequiredInteger(JsonElement element, string property, string field, long min, long max)
    {
        var path = $"{field}.{property}";
        if (!TryGet(element, property, out var value))
        {
            throw Violation(path, $"{path} is required.");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw Violation(path, $"{path} must be a whole number.");
        }

        return number < min || number > max
            ? throw Violation(path, $"{path} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.")
            : number;
    }

    public static void RequiredLink(JsonElement element, string property, string field)
    {
        var link = RequiredString(element, property, field, 2000);
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Violation($"{field}.{property}", $"{field}.{property} must be an absolute http(s) URL.");
        }
    }
}

/// <summary>Stops a message object check at its first problem.</summary>
internal sealed class RuleViolation(MessageObjectProblem problem) : Exception(problem.Message)
{
    public MessageObjectProblem Problem { get; } = problem;
}
