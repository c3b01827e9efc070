namespace WaApp.WebGateway.Api;

/// <summary>Turns a <see cref="System.Text.Json.JsonException"/> path into the field name problem details use.</summary>
internal static class JsonFieldName
{
    // Paths look like "$.businessHours.periods[0].day"; problem details name fields without "$.". A failure at the
    // root (invalid JSON, an array instead of an object) is reported against the whole document.
    public static string From(string? path, string document) =>
        string.IsNullOrEmpty(path) || path == "$" ? document : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
