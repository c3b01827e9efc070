using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace WaApp.ServiceDefaults.Tests.Logging;

/// <summary>
/// A correlation id kept in an async-local context reaches the lines logged while it is set, through the hosts' own
/// Serilog set-up, without a log scope per request.
/// </summary>
public sealed class AmbientLogPropertyTests
{
    private static readonly AsyncLocal<string?> Correlation = new();

    [Fact]
    public async Task Lines_written_while_the_context_holds_a_value_carry_it_and_others_do_not()
    {
        var sink = new CapturingSink();
        await using var app = Build(sink, registrations: 1);
        var logger = app.Services.GetRequiredService<ILogger<AmbientLogPropertyTests>>();

        await Task.Run(() =>
        {
            Correlation.Value = "0HNA1B2C3D4E5:00000001";
            logger.LogWarning("Handled one webhook");
        });
        logger.LogWarning("Outside any webhook");

        Assert.Equal(["\"0HNA1B2C3D4E5:00000001\"", null], sink.Events.Select(e => e.Properties.GetValueOrDefault("WebhookId")?.ToString()));
    }

    [Fact]
    public async Task A_host_that_adds_the_property_twice_gets_it_once_and_a_property_of_the_line_wins()
    {
        var sink = new CapturingSink();
        await using var app = Build(sink, registrations: 2);
        var logger = app.Services.GetRequiredService<ILogger<AmbientLogPropertyTests>>();

        await Task.Run(() =>
        {
            Correlation.Value = "0HNA1B2C3D4E5:00000002";
            logger.LogWarning("Webhook {WebhookId} was refused", "explicit");
        });

        Assert.Single(app.Services.GetServices<ILogEventEnricher>());
        Assert.Equal("\"explicit\"", Assert.Single(sink.Events).Properties["WebhookId"].ToString());
    }

    private static WebApplication Build(CapturingSink sink, int registrations)
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceDefaults("test", "http://127.0.0.1:0");
        for (var i = 0; i < registrations; i++)
        {
            builder.AddAmbientLogProperty("WebhookId", static () => Correlation.Value);
        }

        builder.Services.AddSingleton<ILogEventSink>(sink);
        return builder.Build();
    }
}
