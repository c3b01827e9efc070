using Microsoft.Extensions.Options;

namespace WaApp.Grains.Media;

public sealed class MediaFetchOptionsValidator : IValidateOptions<MediaFetchOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaFetchOptions options)
    {
        List<string> errors = [];
        if (options.FirstRetryDelay <= TimeSpan.Zero)
        {
            errors.Add("Media:Fetch:FirstRetryDelay must be positive.");
        }

        if (options.MaxRetryDelay < options.FirstRetryDelay)
        {
            errors.Add("Media:Fetch:MaxRetryDelay must be at least FirstRetryDelay.");
        }

        if (options.ReminderPeriod < TimeSpan.FromSeconds(1))
        {
            errors.Add("Media:Fetch:ReminderPeriod must be at least one second.");
        }

        if (options.MediaIdLifetime <= TimeSpan.Zero)
        {
            errors.Add("Media:Fetch:MediaIdLifetime must be positive.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add("Media:Fetch:AttemptTimeout must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
