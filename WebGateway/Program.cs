using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WaApp.DynamoDB.Hosting;
using WaApp.ServiceDefaults;
using WaApp.ServiceDefaults.Health;
using WaApp.WebGateway.Api;
using WaApp.WebGateway.Api.Reference;
using WaApp.WebGateway.Hosting;
using WaApp.WebGateway.Inbox;
using WaApp.WebGateway.LiveFeed;
using WaApp.WebGateway.Security;
using WaApp.WebGateway.Tenants;
using WaApp.WebGateway.Webhooks;
using WaApp.WhatsApp.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway", "http://0.0.0.0:8080").AddManagementPort(9090);

var gateway = builder.Configuration.GetSection(GatewaySettings.SectionName).Get<GatewaySettings>() ?? new GatewaySettings();
var dynamo = builder.Configuration.GetSection(DynamoDBSettings.SectionName).Get<DynamoDBSettings>() ?? new DynamoDBSettings();

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
});

builder.AddWaAppOperations();
builder.AddLiveFeed();

builder.Services.AddOptions<WebhookOptions>()
    .Bind(builder.Configuration.GetSection(WebhookOptions.SectionName))
    .Bind(builder.Configuration.GetSection(WebhookOptions.AcknowledgeSectionName))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
builder.AddApiKeySecurity();
builder.AddTenants();

builder.Services.AddSingleton(services => new WebhookSignatureVerifier(services.GetRequiredService<IOptions<WebhookOptions>>().Value.AppSecrets));
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<WebhookDispatcher>();
builder.Services.AddRateLimiter(options => options.AddPolicy<string, WebhookConcurrencyPolicy>(WebhookConcurrencyPolicy.Name));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
// A body that does not bind throws, in every environment, so ApiExceptionHandler can name the field in a 400.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddWaAppOpenApi();
builder.Services.AddHealthChecks()
    .AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag])
    .AddDynamoDB(dynamo, HealthEndpoints.ReadyTag);

var app = builder.Build();
app.UseWaAppOperations();
app.UseExceptionHandler();

app.UseStatusCodePages();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseTenantIsolation();

app.MapDefaultEndpoints();
app.MapWebhook();
app.MapLiveFeed();
app.MapGroup("/api/v1").RequireAuthorization(ApiRoles.ApiPolicy).WithRequestSizeLimit(FieldLimits.RequestBodyBytes).MapConversationsApi().MapConversationAgentApi().MapBusinessesApi().MapContactsApi().MapOutboundApi().MapTemplatesApi().MapSendingApi();
app.MapTenantAdminApi();
app.MapApiReference();
app.MapInbox();

app.Run();
