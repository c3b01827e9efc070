using Microsoft.Extensions.Options;

namespace WaApp.ServiceDefaults.Media;

/// <summary>Refuses media settings S3 would reject later, at start-up and naming the setting.</summary>
public sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        List<string> errors = [];
        // S3's bucket naming rules: 3-63 characters, lowercase letters, digits, dots and hyphens, starting and
        // ending with a letter or digit.
        var bucket = options.BucketName ?? string.Empty;
        if (bucket.Length is < 3 or > 63
            || !bucket.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
            || !char.IsAsciiLetterOrDigit(bucket[0])
            || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            errors.Add($"Media:BucketName '{bucket}' is not a valid S3 bucket name (3-63 lowercase letters, digits, '.' or '-').");
        }

        if (options.ServiceUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"Media:ServiceUrl '{url}' must be an absolute http(s) URL.");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            errors.Add("Media:AccessKey and Media:SecretKey must be given together.");
        }

        if (options.RetentionDays is < 0 or > 36_500)
        {
            errors.Add($"Media:RetentionDays must be between 0 (keep) and 36500, got {options.RetentionDays}.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("Media:RequestTimeout must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
