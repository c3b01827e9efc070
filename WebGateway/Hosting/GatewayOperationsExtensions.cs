using Orleans.Dashboard;
using WaApp.Grains.Abstractions.Diagnostics;
using WaApp.ServiceDefaults;
using WaApp.ServiceDefaults.Logging;
using WaApp.ServiceDefaults.Metrics;
using WaApp.WebGateway.Metrics;
using WaApp.WebGateway.Security;

using WaApp.DynamoDB.Tables;

namespace WaApp.WebGateway.Hosting;

/// <summary>
/// What operators use on the gateway beyond the service defaults: the webhook meter, <c>/dashboard</c> and request
/// logs. Webhook correlation is the webhook route's own filter (<c>WebhookObservationFilter</c>), which puts the id into
/// Orleans' <c>RequestContext</c>; every line logged meanwhile reads it from there.
/// </summary>
public static class GatewayOperationsExtensions
{
    public static WebApplicationBuilder AddWaAppOperations(this WebApplicationBuilder builder)
    {
        // The dashboard itself is registered with the cluster client (split mode) or the silo (co-hosted): see
        // GatewayHostExtensions.AddWaAppGateway.
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.AddWaAppMeters(WebhookMetrics.MeterName, ApiKeyMetrics.MeterName, WaApp.WebGateway.Tenants.TenantMetrics.MeterName, DynamoDBRequestMetrics.MeterName);
        builder.AddAmbientLogProperty(WebhookCorrelation.LogProperty, WebhookCorrelation.Current);
        builder.AddDashboardAccess();
        return builder;
    }

    /// <summary>Call right after <c>Build()</c>, so request logging sees every request.</summary>
    public static WebApplication UseWaAppOperations(this WebApplication app)
    {
        app.UseWaAppRequestLogging();
        app.UseDashboardSignIn();
        app.MapOrleansDashboard(DashboardAccess.RoutePrefix).RequireAuthorization(DashboardAccess.PolicyName);
        return app;
    }
}
