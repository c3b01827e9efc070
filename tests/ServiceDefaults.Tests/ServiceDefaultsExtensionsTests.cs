using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WaApp.ServiceDefaults.Health;

namespace WaApp.ServiceDefaults.Tests;

public sealed class ServiceDefaultsExtensionsTests
{
    [Fact]
    public async Task Live_answers_while_a_ready_check_fails_and_ready_runs_only_the_ready_checks()
    {
        await using var app = await StartAsync(services => services.AddHealthChecks()
            .AddCheck("dependency", () => HealthCheckResult.Unhealthy(), tags: [HealthEndpoints.ReadyTag]));
        using var http = Client(app);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(HealthEndpoints.LivePath)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(HealthEndpoints.ReadyPath)).StatusCode);
    }

    [Fact]
    public async Task Checks_without_the_ready_tag_do_not_take_an_instance_out_of_traffic()
    {
        await using var app = await StartAsync(services => services.AddHealthChecks()
            .AddCheck("untagged", () => HealthCheckResult.Unhealthy()));
        using var http = Client(app);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(HealthEndpoints.ReadyPath)).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_served_as_prometheus_text()
    {
        await using var app = await StartAsync(_ => { });
        using var http = Client(app);

        var response = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    // --urls wins over the role's default URL, so each test listens on a free loopback port.
    private static async Task<WebApplication> StartAsync(Action<IServiceCollection> configure)
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.AddServiceDefaults("test", "http://0.0.0.0:1");
        configure(builder.Services);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    // Once started, the app's URLs are the addresses Kestrel bound, with the port it picked.
    private static HttpClient Client(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.Single()) };
}
