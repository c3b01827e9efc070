using System.Text.Json;
using System.Text.Json.Serialization;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.WebGateway.Api;

/// <summary>
/// The JSON shape of business settings: camelCase, days by name (<c>"Monday"</c>), times as <c>"09:00"</c>,
/// intervals as <c>"04:00:00"</c>. Unknown properties are refused, so a misspelt field is reported instead of
/// being silently dropped.
/// </summary>
internal static class SettingsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<(BusinessSettings? Settings, SettingsFieldError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await JsonSerializer.DeserializeAsync<BusinessSettings>(request.Body, Options, cancellationToken);
            return (settings, null);
        }
        catch (JsonException exception)
        {
            return (null, new SettingsFieldError(JsonFieldName.From(exception.Path, "settings"), "The value is missing, of the wrong type or not a known setting."));
        }
    }
}
