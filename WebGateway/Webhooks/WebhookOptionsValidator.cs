using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.Webhooks;

public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.AcknowledgeTimeout > TimeSpan.Zero && options.AcknowledgeTimeout <= TimeSpan.FromSeconds(60)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Webhook:AcknowledgeTimeout must be between 0 and 60 seconds (Meta gives up on slow endpoints).");
}
