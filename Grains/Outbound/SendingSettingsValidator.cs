using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WaApp.WhatsApp.Options;

namespace WaApp.Grains.Outbound;

/// <summary>
/// The silo's check of the <c>WhatsApp</c> section: only what sending needs. A missing access token is allowed
/// (a silo can ingest webhooks without sending); every send then fails with a clear "no access token" error.
/// </summary>
public sealed partial class SendingSettingsValidator : IValidateOptions<WhatsAppOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatsAppOptions options)
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^v\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}
