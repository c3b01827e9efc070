using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Hosting;

/// <summary>
/// Puts the Orleans Dashboard behind the API key. Tools send <c>Authorization: Bearer {key}</c>. A browser cannot
/// add that header to the dashboard's own requests, so it opens <c>/dashboard/?access_token={key}</c> once: the key
/// is checked, an HttpOnly cookie scoped to <c>/dashboard</c> is set, and the browser is redirected to the same
/// page without the key in its address bar or history.
/// </summary>
public static class DashboardAccess
{
    public const string RoutePrefix = "/dashboard";
    public const string CookieScheme = "DashboardCookie";
    public const string CookieName = "waapp-dashboard";
    public const string PolicyName = "Dashboard";

    private const string AccessTokenParameter = "access_token";
    private const string KeyFingerprintClaim = "waapp:api-key-fingerprint";

    public static void AddDashboardAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardAccessOptions>().Bind(builder.Configuration.GetSection(DashboardAccessOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DashboardAccessOptions>, DashboardAccessOptionsValidator>();
        builder.Services.AddAuthentication().AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = RoutePrefix;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = false;
            options.Events.OnRedirectToLogin = context => Refuse(context.Response, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Refuse(context.Response, StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = RejectRevokedKeyAsync;
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<DashboardAccessOptions>>((cookie, access) => cookie.ExpireTimeSpan = access.Value.SessionLifetime);
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName, CookieScheme)
            .RequireRole(ApiRoles.Agent)
            // The dashboard shows every tenant's grains: tenant keys never open it, whatever their role.
            .RequireAssertion(context => !WaApp.WebGateway.Tenants.TenantClaims.IsTenantKey(context.User)));
    }

    /// <summary>Exchanges <c>?access_token=</c> on a dashboard URL for the session cookie (see the class summary).</summary>
    public static IApplicationBuilder UseDashboardSignIn(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(RoutePrefix, StringComparison.OrdinalIgnoreCase)
                && context.Request.Query.ContainsKey(AccessTokenParameter)
                && !context.Request.Headers.Authorization.Any(),
            branch => branch.Run(SignInAsync));

    private static async Task SignInAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        if (!result.Succeeded || result.Principal.Identity?.Name is not { } caller)
        {
            await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
            return;
        }

        // The dashboard can deactivate grains and shows internals: read-only keys do not open it.
        if (!result.Principal.IsInRole(ApiRoles.Agent) || WaApp.WebGateway.Tenants.TenantClaims.IsTenantKey(result.Principal))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var key = context.Request.Query[AccessTokenParameter].ToString();
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller), new Claim(ClaimTypes.Role, ApiRoles.Agent), new Claim(KeyFingerprintClaim, Fingerprint(key))],
            CookieScheme);
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));

        var remaining = context.Request.Query
            .Where(pair => pair.Key != AccessTokenParameter)
            .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)));
        var path = context.Request.Path.Equals(RoutePrefix, StringComparison.OrdinalIgnoreCase) ? RoutePrefix + "/" : context.Request.Path.Value;
        context.Response.Redirect(context.Request.PathBase + path + QueryString.Create(remaining));
    }

    // A session ends as soon as its key is no longer configured (key rotation), not only when the cookie expires.
    private static Task RejectRevokedKeyAsync(CookieValidatePrincipalContext context)
    {
        var presented = context.Principal?.FindFirst(KeyFingerprintClaim)?.Value;
        var keys = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue.Keys;
        var presentedBytes = Encoding.ASCII.GetBytes(presented ?? string.Empty);
        if (presented is null || !keys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Fingerprint(key)), presentedBytes)))
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieScheme);
        }

        return Task.CompletedTask;
    }

    private static string Fingerprint(string key) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static Task Refuse(HttpResponse response, int statusCode)
    {
        response.StatusCode = statusCode;
        return Task.CompletedTask;
    }
}
