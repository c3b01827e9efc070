using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WaApp.WebGateway.Hosting;
using WaApp.WebGateway.LiveFeed;
using WaApp.WebGateway.Tenants;

namespace WaApp.WebGateway.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer {key}</c> against the configured API keys in constant time. A browser
/// cannot set that header on a WebSocket or on the dashboard's first visit, so only there (<see cref="QueryKeyPaths"/>)
/// is <c>?access_token={key}</c> accepted too; anywhere else a key in the URL would end up in proxies' and browsers'
/// histories. Wrong keys are counted and throttled per address (<see cref="FailedAuthenticationThrottle"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> apiKeys,
    FailedAuthenticationThrottle throttle,
    ApiKeyMetrics metrics,
    TenantKeyAuthenticator tenantKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string QueryParameter = "access_token";
    private const string BearerPrefix = "Bearer ";

    /// <summary>The paths where <c>?access_token=</c> is read: the live feed WebSocket and the dashboard sign-in.</summary>
    public static readonly IReadOnlyList<PathString> QueryKeyPaths = [LiveFeedEndpoints.Path, DashboardAccess.RoutePrefix];

    private static readonly object RetryAfterItem = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadPresentedKey();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var address = Context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (throttle.RetryAfter(address) is { } retryAfter)
        {
            metrics.Throttled();
            Context.Items[RetryAfterItem] = retryAfter;
            return Task.FromResult(AuthenticateResult.Fail("Too many wrong API keys from this address."));
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var options = apiKeys.CurrentValue;
        var identity = Match(presentedBytes, options.Keys, "api-key", ApiRoles.Agent)
            ?? Match(presentedBytes, options.ReadOnlyKeys, "read-only-key", ApiRoles.Reader)
            ?? Match(presentedBytes, options.OperatorKeys, "operator-key", TenantRoles.Operator)
            ?? tenantKeys.Authenticate(presented, SchemeName);
        if (identity is null)
        {
            metrics.UnknownKey();
            throttle.Failed(address);
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    // A throttled address learns when it may try again instead of getting a plain 401.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RetryAfterItem] is TimeSpan retryAfter)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }

        return base.HandleChallengeAsync(properties);
    }

    // Compares against every key in constant time; the key's position names the caller in logs without revealing it.
    private static ClaimsIdentity? Match(byte[] presented, List<string> keys, string namePrefix, string role)
    {
        ClaimsIdentity? match = null;
        for (var index = 0; index < keys.Count; index++)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(keys[index])) && match is null)
            {
                match = new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, $"{namePrefix}-{index}"), new Claim(ClaimTypes.Role, role)],
                    SchemeName);
            }
        }

        return match;
    }

    private string? ReadPresentedKey()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = header[BearerPrefix.Length..].Trim();
            return key.Length > 0 ? key : null;
        }

        if (!QueryKeyPaths.Any(path => Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var query = Request.Query[QueryParameter].ToString();
        return query.Length > 0 ? query : null;
    }
}
