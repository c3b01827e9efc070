using WaApp.CloudApiSimulator.Options;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>The bearer-token check every Graph endpoint of the simulator makes.</summary>
internal static class GraphAuth
{
    public static bool IsAuthorized(HttpRequest request, SimulatorOptions settings)
    {
        const string Bearer = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = header[Bearer.Length..].Trim();
        return token.Length > 0 && (string.IsNullOrEmpty(settings.AccessToken) || token == settings.AccessToken);
    }
}
