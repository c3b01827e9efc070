using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace WaApp.ServiceDefaults.Tests.Logging;

public sealed class SerilogSetupTests
{
    [Fact]
    public async Task Pollys_report_of_each_pipeline_execution_is_not_written_and_its_warnings_are()
    {
        var sink = new CapturingSink();
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceDefaults("test", "http://127.0.0.1:0");
        builder.Services.AddSingleton<ILogEventSink>(sink);
        await using var app = builder.Build();
        var polly = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Polly");

        // What Polly writes for every execution of Orleans' placement pipeline (one per grain activation).
        polly.LogInformation("Resilience pipeline executed. Source: '{PipelineName}'", "Orleans.Placement");
        polly.LogWarning("Execution attempt. Source: '{PipelineName}', Handled: '{Handled}'", "Orleans.Placement", true);

        Assert.Equal([LogEventLevel.Warning], sink.Events.Select(e => e.Level));
    }
}
