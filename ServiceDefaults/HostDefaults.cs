using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace WaApp.ServiceDefaults;

/// <summary>Start-up defaults shared by both hosts.</summary>
internal static class HostDefaults
{
    /// <summary>Listens on <paramref name="url"/> unless ASPNETCORE_URLS, URLS or --urls says otherwise (the role default wins over ASPNETCORE_HTTP_PORTS).</summary>
    public static void UseDefaultUrls(this WebApplicationBuilder builder, string url)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(url);
        }
    }
}
