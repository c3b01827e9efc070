using Microsoft.Extensions.Options;

namespace WaApp.WhatsApp.Options;

/// <summary>Rejects settings that would leave the webhook open or unverifiable.</summary>
public sealed class WhatsAppOptionsValidator : IValidateOptions<WhatsAppOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatsAppOptions options)
    {
        List<string> failures = [];
        if (!options.AppSecrets.Any(secret => !string.IsNullOrWhiteSpace(secret)))
        {
            failures.Add("WhatsApp:AppSecrets needs at least one app secret (WhatsApp__AppSecrets__0).");
        }

        if (string.IsNullOrWhiteSpace(options.VerifyToken))
        {
            failures.Add("WhatsApp:VerifyToken is required (WhatsApp__VerifyToken).");
        }

        if (!options.GraphApiBaseUrl.IsAbsoluteUri)
        {
            failures.Add("WhatsApp:GraphApiBaseUrl must be an absolute URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiVersion))
        {
            failures.Add("WhatsApp:ApiVersion is required, e.g. v24.0.");
        }

        if (options.MaxWebhookBodyBytes < 1024)
        {
            failures.Add("WhatsApp:MaxWebhookBodyBytes must be at least 1024.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
