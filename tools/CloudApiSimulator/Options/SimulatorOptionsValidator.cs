using Microsoft.Extensions.Options;

namespace WaApp.CloudApiSimulator.Options;

/// <summary>Rejects settings the simulator cannot honour, with the setting's name in the message.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        List<string> failures = [];
        if (options.WebhookUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add("Simulator:WebhookUrl must be an absolute http(s) URL.");
        }

        if (options.WebhookUrl is not null && string.IsNullOrEmpty(options.AppSecret))
        {
            failures.Add("Simulator:AppSecret is required to sign webhooks (Simulator__AppSecret).");
        }

        if (string.IsNullOrWhiteSpace(options.WabaId))
        {
            failures.Add("Simulator:WabaId is required.");
        }

        if (options.SentDelay < TimeSpan.Zero || options.DeliveredDelay < TimeSpan.Zero || options.ReadDelay < TimeSpan.Zero)
        {
            failures.Add("Simulator:SentDelay, DeliveredDelay and ReadDelay cannot be negative.");
        }

        if (options.RateLimitPerSecond < 0)
        {
            failures.Add("Simulator:RateLimitPerSecond cannot be negative (0 turns the limit off).");
        }

        if (options.WindowDuration <= TimeSpan.Zero)
        {
            failures.Add("Simulator:WindowDuration must be positive.");
        }

        if (options.MediaUrlLifetime <= TimeSpan.Zero)
        {
            failures.Add("Simulator:MediaUrlLifetime must be positive.");
        }

        if (options.FaultTimeout <= TimeSpan.Zero)
        {
            failures.Add("Simulator:FaultTimeout must be positive.");
        }

        if (options.WebhookRetryCount is < 0 or > 20)
        {
            failures.Add("Simulator:WebhookRetryCount must be between 0 and 20.");
        }

        if (options.WebhookRetryDelay < TimeSpan.Zero || options.WebhookTimeout <= TimeSpan.Zero)
        {
            failures.Add("Simulator:WebhookRetryDelay cannot be negative and WebhookTimeout must be positive.");
        }

        if (options.TemplateReviewDelay < TimeSpan.Zero)
        {
            failures.Add("Simulator:TemplateReviewDelay cannot be negative.");
        }

        if (options.TemplatePageSize is < 1 or > 1000)
        {
            failures.Add("Simulator:TemplatePageSize must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
