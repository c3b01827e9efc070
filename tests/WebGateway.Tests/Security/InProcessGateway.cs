using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WaApp.WebGateway.Tests.Security;

/// <summary>
/// The gateway's own <c>Program</c> hosted in the test process and joined to a running test cluster, so a test can
/// read what the app really mapped (its endpoint data source) and call every endpoint through the real pipeline.
/// </summary>
internal sealed class InProcessGateway(IReadOnlyDictionary<string, string?> clusterSettings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in clusterSettings)
        {
            builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
        }
    }
}
