using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace WaApp.ServiceDefaults.Logging;

/// <summary>
/// Serilog for both hosts: a readable console in Development, compact JSON
/// lines otherwise, levels from the <c>Serilog</c> configuration section, and the enrichers the host registered
/// (<see cref="AmbientLogProperty"/>).
/// </summary>
internal static class SerilogSetup
{
    public static void UseWaAppSerilog(this IHostApplicationBuilder builder, string role)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                // Polly reports every execution of every pipeline at Information, Orleans' placement included: two
                // lines per grain activation, so one per new customer's webhook. Its retries and failures are Warning.
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Role", role)
                .Enrich.With<PersonalDataEnricher>();
            if (development)
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Role} {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
            else
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
        });
        CachingLoggerFactory.Decorate(builder.Services);
    }
}
