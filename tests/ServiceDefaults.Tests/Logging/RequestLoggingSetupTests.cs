using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using WaApp.ServiceDefaults.Logging;

namespace WaApp.ServiceDefaults.Tests.Logging;

public sealed class RequestLoggingSetupTests
{
    [Fact]
    public async Task A_host_that_sets_up_request_logging_twice_logs_each_request_once()
    {
        // The co-hosted server runs both the silo's and the gateway's operations setup on one pipeline.
        var sink = new CollectingSink();
        await using var app = await StartAsync(sink, app =>
        {
            app.UseWaAppRequestLogging();
            app.UseWaAppRequestLogging();
        });
        using var http = Client(app);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/things")).StatusCode);
        // The same connection serves the next request only once the first one's pipeline (and its logging) finished.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/others")).StatusCode);
        await CompletionsAsync(sink, "/api/v1/others");

        var line = Assert.Single(sink.Completions, line => Route(line) == "/api/v1/things");
        Assert.Equal(LogEventLevel.Information, line.Level);
    }

    [Fact]
    public async Task An_answered_webhook_delivery_is_logged_at_debug_and_a_refused_one_stays_visible()
    {
        var sink = new CollectingSink();
        await using var app = await StartAsync(sink, app => app.UseWaAppRequestLogging());
        using var http = Client(app);

        using (var stored = await http.PostAsync("/webhook", new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        using (var refused = await http.PostAsync("/webhook?refuse=1", new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var lines = await CompletionsAsync(sink, "/webhook", expected: 2);
        Assert.Equal([LogEventLevel.Debug, LogEventLevel.Information], lines.Select(line => line.Level));
    }

    private static async Task<WebApplication> StartAsync(CollectingSink sink, Action<WebApplication> useLogging)
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Services.AddSerilog(logger => logger.MinimumLevel.Debug().WriteTo.Sink(sink));
        var app = builder.Build();
        useLogging(app);
        app.MapGet("/api/v1/things", () => Results.Ok());
        app.MapGet("/api/v1/others", () => Results.Ok());
        app.MapPost("/webhook", (HttpRequest request) => request.Query.ContainsKey("refuse") ? Results.StatusCode(StatusCodes.Status401Unauthorized) : Results.Ok());
        await app.StartAsync();
        return app;
    }

    // The completion event may be written after the client has the response: poll (bounded) until it arrived.
    private static async Task<List<LogEvent>> CompletionsAsync(CollectingSink sink, string route, int expected = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<LogEvent> lines;
        while ((lines = [.. sink.Completions.Where(line => Route(line) == route)]).Count < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {lines.Count} request log lines for {route}.");
            await Task.Delay(50);
        }

        return lines;
    }

    private static string? Route(LogEvent line) =>
        line.Properties.TryGetValue("RequestRoute", out var route) && route is ScalarValue { Value: string text } ? text : null;

    private static HttpClient Client(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.Single()) };

    private sealed class CollectingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyList<LogEvent> Completions =>
            [.. _events.Where(e => e.MessageTemplate.Text.Contains("responded", StringComparison.Ordinal))];

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}
