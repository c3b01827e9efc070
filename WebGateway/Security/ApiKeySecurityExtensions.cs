using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.Security;

/// <summary>API keys on the gateway: options and their validation, the authentication scheme, the <c>/api/v1</c> policy.</summary>
public static class ApiKeySecurityExtensions
{
    public static WebApplicationBuilder AddApiKeySecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().Bind(builder.Configuration.GetSection(ApiKeyOptions.SectionName))
            .PostConfigure(options =>
            {
                // Only a local run gets the well-known key; a deployed environment must configure its own.
                if (builder.Environment.IsDevelopment() && options.Keys.Count == 0)
                {
                    options.Keys.Add(ApiKeyOptions.DevelopmentKey);
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        builder.Services.AddSingleton<FailedAuthenticationThrottle>();
        builder.Services.AddSingleton<ApiKeyMetrics>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.ApiPolicy, policy => policy.RequireAuthenticatedUser().AddRequirements(new ApiAccess()));
        return builder;
    }
}
