using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer {key}</c>, or <c>?access_token={key}</c> where a header cannot be set
/// (browser WebSockets), against the configured API keys in constant time.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> apiKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";
    private const string QueryParameter = "access_token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadPresentedKey();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var options = apiKeys.CurrentValue;
        var identity = Match(presentedBytes, options.Keys, "api-key", ApiRoles.Agent)
            ?? Match(presentedBytes, options.ReadOnlyKeys, "read-only-key", ApiRoles.Reader);
        return Task.FromResult(identity is null
            ? AuthenticateResult.Fail("Unknown API key.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
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

        var query = Request.Query[QueryParameter].ToString();
        return query.Length > 0 ? query : null;
    }
}
