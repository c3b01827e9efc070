using Orleans.Dashboard;
using WaApp.Grains.Metrics;
using WaApp.ServiceDefaults.Logging;
using WaApp.ServiceDefaults.Metrics;

using WaApp.DynamoDB.Tables;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Diagnostics;
using WaApp.ServiceDefaults;

namespace WaApp.Silo.Hosting;

/// <summary>What operators use on a silo beyond the service defaults: dashboard collection, the outbound meter, request logs and webhook correlation.</summary>
public static class SiloOperationsExtensions
{
    public static WebApplicationBuilder AddWaAppOperations(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo =>
        {
            // Collects this silo's grain and runtime statistics for the dashboard the gateway serves.
            silo.AddDashboard();
            silo.AddIncomingGrainCallFilter<WebhookCorrelationFilter>();
        });
        builder.AddAmbientLogProperty(WebhookCorrelation.LogProperty, WebhookCorrelation.Current);
        builder.AddWaAppMeters(OutboundMetrics.MeterName, ConversationMetrics.MeterName, SubscriptionMetrics.MeterName, DynamoDBRequestMetrics.MeterName, EventStreamMetrics.MeterName);
        return builder;
    }

    /// <summary>Call right after <c>Build()</c>, so request logging sees every request.</summary>
    public static WebApplication UseWaAppOperations(this WebApplication app)
    {
        app.UseWaAppRequestLogging();
        return app;
    }
}
