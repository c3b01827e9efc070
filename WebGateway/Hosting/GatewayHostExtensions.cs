using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using WaApp.DynamoDB.Hosting;
using WaApp.ServiceDefaults.Health;
using WaApp.WebGateway.Api;
using WaApp.WebGateway.Api.Reference;
using WaApp.WebGateway.Inbox;
using WaApp.WebGateway.LiveFeed;
using WaApp.WebGateway.Media;
using WaApp.WebGateway.Security;
using WaApp.WebGateway.Tenants;
using WaApp.WebGateway.Webhooks;
using WaApp.WebGateway.Webhooks.Identities;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Hosting;

/// <summary>How the gateway reaches the grains.</summary>
public enum GatewayHosting
{
    /// <summary>Its own process, an Orleans client of the cluster (split mode).</summary>
    Client,

    /// <summary>
    /// Inside a silo process (<c>WaApp.Server</c>): the host is already a silo, so grain calls stay in the process and
    /// the silo's readiness and dashboard services serve the gateway too.
    /// </summary>
    InSilo,
}

/// <summary>
/// The gateway's composition, shared by the gateway host (split mode) and the co-hosted server: the webhook, REST,
/// live feed, inbox, API keys and operations.
/// </summary>
public static class GatewayHostExtensions
{
    /// <summary>Adds the gateway's services. Call after <c>AddServiceDefaults</c> (and, in a silo, after the silo).</summary>
    public static WebApplicationBuilder AddWaAppGateway(this WebApplicationBuilder builder, GatewayHosting hosting = GatewayHosting.Client)
    {
        var dynamo = builder.Configuration.GetSection(DynamoDBSettings.SectionName).Get<DynamoDBSettings>() ?? new DynamoDBSettings();
        if (hosting == GatewayHosting.Client)
        {
            var gateway = builder.Configuration.GetSection(GatewaySettings.SectionName).Get<GatewaySettings>() ?? new GatewaySettings();
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = gateway.ClusterId;
                    options.ServiceId = gateway.ServiceId;
                });
                client.Configure<GatewayOptions>(builder.Configuration.GetSection("Orleans:Gateway"));
                client.UseDynamoDBClustering(options => dynamo.Configure(options));
                // A gateway may start before any silo: keep trying instead of failing start-up.
                client.UseConnectionRetryFilter(async (_, cancellationToken) =>
                {
                    await Task.Delay(gateway.ConnectRetryDelay, cancellationToken);
                    return true;
                });
                // The dashboard's UI and API run in the gateway and collect from every silo through the cluster client.
                client.AddDashboard();
            });
        }

        GatewayOperationsExtensions.AddWaAppOperations(builder);
        builder.AddLiveFeed();

        builder.Services.AddOptions<WebhookOptions>()
            .Bind(builder.Configuration.GetSection(WebhookOptions.SectionName))
            .Bind(builder.Configuration.GetSection(WebhookOptions.AcknowledgeSectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        builder.AddApiKeySecurity();
        builder.AddTenants();
        builder.AddMedia();

        builder.Services.AddSingleton(services => new WebhookSignatureVerifier(services.GetRequiredService<IOptions<WebhookOptions>>().Value.AppSecrets));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<BusinessMetadataRelay>();
        builder.Services.AddSingleton<ContactAliasCache>();
        builder.Services.AddSingleton<WebhookIdentityResolver>();
        builder.Services.AddRateLimiter(options => options.AddPolicy<string, WebhookConcurrencyPolicy>(WebhookConcurrencyPolicy.Name));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // A body that does not bind throws, in every environment, so ApiExceptionHandler can name the field in a 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddWaAppOpenApi();
        if (hosting == GatewayHosting.Client)
        {
            builder.Services.AddHealthChecks()
                .AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag])
                .AddDynamoDB(dynamo, HealthEndpoints.ReadyTag);
        }

        return builder;
    }

    /// <summary>The middleware and endpoints. Call right after <c>Build()</c> (in a silo, after the silo's).</summary>
    public static WebApplication UseWaAppGateway(this WebApplication app)
    {
        GatewayOperationsExtensions.UseWaAppOperations(app);
        app.UseExceptionHandler();

        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTenantIsolation();
        return app;
    }

    /// <summary>The gateway's endpoints; call after <c>MapDefaultEndpoints</c>.</summary>
    public static WebApplication MapWaAppGateway(this WebApplication app)
    {
        app.MapWebhook();
        app.MapLiveFeed();
        app.MapGroup("/api/v1").RequireAuthorization(ApiRoles.ApiPolicy).WithRequestSizeLimit(FieldLimits.RequestBodyBytes).MapConversationsApi().MapConversationAgentApi().MapBusinessesApi().MapContactsApi().MapOutboundApi().MapTypingApi().MapTemplatesApi().MapSendingApi();
        // Media has its own body limit (files up to Meta's 100 MB), so it is its own group.
        app.MapGroup("/api/v1").RequireAuthorization(ApiRoles.ApiPolicy).MapMediaApi();
        app.MapTenantAdminApi();
        app.MapSubscriptionsApi();
        app.MapApiReference();
        app.MapInbox();
        return app;
    }
}
