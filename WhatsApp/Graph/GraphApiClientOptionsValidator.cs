using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Rejects client settings that would call a wrong endpoint, hang forever or retry without pause. Only what sending
/// needs: app secrets and the verify token belong to <see cref="Webhooks.WebhookOptions"/>, which a silo never reads.
/// </summary>
public sealed partial class GraphApiClientOptionsValidator : IValidateOptions<GraphApiClientOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphApiClientOptions options)
    {
        List<string> failures = [];
        if (options.GraphApiBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("WhatsApp:GraphApiBaseUrl must be an absolute http(s) URL (WhatsApp__GraphApiBaseUrl).");
        }

        if (string.IsNullOrWhiteSpace(options.ApiVersion) || !ApiVersionPattern().IsMatch(options.ApiVersion))
        {
            failures.Add($"WhatsApp:ApiVersion must look like v24.0, got '{options.ApiVersion}' (WhatsApp__ApiVersion).");
        }

        if (options.AccessToken is { } token && token.Length > 0 && string.IsNullOrWhiteSpace(token))
        {
            failures.Add("WhatsApp:AccessToken is blank; leave it unset or give the token (WhatsApp__AccessToken).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("GraphApi RequestTimeout must be greater than zero and at most 5 minutes.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > options.RequestTimeout)
        {
            failures.Add("GraphApi ConnectTimeout must be greater than zero and not longer than RequestTimeout.");
        }

        if (options.ConnectRetryCount is < 0 or > 10)
        {
            failures.Add("GraphApi ConnectRetryCount must be between 0 and 10.");
        }

        if (options.ConnectRetryDelay < TimeSpan.Zero || options.ConnectRetryDelay > TimeSpan.FromSeconds(30))
        {
            failures.Add("GraphApi ConnectRetryDelay must be between 0 and 30 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^v\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}
