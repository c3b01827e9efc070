using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.ServiceDefaults.Health;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Tenants;

/// <summary>Tenants on the gateway: the directory copy and its refresher, tenant keys, isolation, the admin policy.</summary>
public static class TenantHostingExtensions
{
    public static WebApplicationBuilder AddTenants(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TenantDirectoryOptions>().Bind(builder.Configuration.GetSection(TenantDirectoryOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TenantDirectoryOptions>, TenantDirectoryOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, OperatorKeyOptionsValidator>();
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<TenantKeyAuthenticator>();
        builder.Services.AddSingleton<TenantMetrics>();
        builder.Services.AddHostedService<TenantDirectoryRefresher>();
        builder.Services.AddHealthChecks().AddCheck<TenantDirectoryHealthCheck>("tenant-directory", tags: [HealthEndpoints.ReadyTag]);
        builder.Services.AddOptions<SubscriptionAddressOptions>().Bind(builder.Configuration.GetSection(SubscriptionAddressOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SubscriptionAddressOptions>, SubscriptionAddressOptionsValidator>();
        builder.Services.AddSingleton(services =>
        {
            SubscriptionAddressRules.TryParseNetworks(services.GetRequiredService<IOptions<SubscriptionAddressOptions>>().Value.AllowedPrivateNetworks, out var networks, out _);
            return new SubscriptionAddressRules(builder.Environment.IsDevelopment(), networks);
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(TenantRoles.AdminPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(TenantRoles.Operator, TenantRoles.TenantAdmin));
        return builder;
    }

    public static WebApplication UseTenantIsolation(this WebApplication app)
    {
        app.UseMiddleware<TenantIsolationMiddleware>();
        return app;
    }
}
