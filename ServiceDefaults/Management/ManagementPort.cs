using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WaApp.ServiceDefaults.Management;

/// <summary>
/// A second port for operators on a host whose main port faces the internet (the gateway): <c>/metrics</c> answers
/// only there, so the load balancer can forward every path of the main port without exposing internals. Health answers
/// on both ports, because the load balancer and ECS check the main one. The port is <c>Management__Port</c>.
/// </summary>
public sealed record ManagementPort(int Port)
{
    public const string ConfigurationKey = "Management:Port";

    /// <summary>Listens on the management port too, on the same host as the first main address.</summary>
    public static void AddTo(WebApplicationBuilder builder, int defaultPort)
    {
        var port = builder.Configuration.GetValue<int?>(ConfigurationKey) ?? defaultPort;
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? string.Empty;
        var main = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var host = main.Length > 0 ? BindingAddress.Parse(main[0]).Host : "0.0.0.0";
        builder.WebHost.UseUrls([.. main, $"http://{host}:{port}"]);
        builder.Services.AddSingleton(new ManagementPort(port));
    }

    /// <summary>True when <paramref name="http"/> arrived on the management port.</summary>
    public bool Serves(HttpContext http) => http.Connection.LocalPort == Port;
}
