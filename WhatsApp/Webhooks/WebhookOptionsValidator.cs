using Microsoft.Extensions.Options;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>Rejects settings that would leave the webhook open, unverifiable or answering after Meta gave up.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
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

        if (options.MaxWebhookBodyBytes < 1024)
        {
            failures.Add("WhatsApp:MaxWebhookBodyBytes must be at least 1024.");
        }

        if (options.MaxConcurrentRequests < 1)
        {
            failures.Add("Webhook:MaxConcurrentRequests must be at least 1.");
        }

        if (options.AcknowledgeTimeout <= TimeSpan.Zero || options.AcknowledgeTimeout > TimeSpan.FromSeconds(60))
        {
            failures.Add("Webhook:AcknowledgeTimeout must be between 0 and 60 seconds (Meta gives up on slow endpoints).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
