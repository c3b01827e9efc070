using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.Security;

/// <summary>Refuses to start with no API key, or with keys short enough to guess.</summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    private const int MinimumKeyLength = 8;

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var keys = options.Keys.Where(key => !string.IsNullOrWhiteSpace(key)).ToList();
        if (keys.Count == 0)
        {
            return ValidateOptionsResult.Fail("Api:Keys needs at least one API key (Api__Keys__0).");
        }

        var readOnly = options.ReadOnlyKeys.Where(key => !string.IsNullOrWhiteSpace(key)).ToList();
        if (keys.Concat(readOnly).Any(key => key.Length < MinimumKeyLength))
        {
            return ValidateOptionsResult.Fail($"Every API key must be at least {MinimumKeyLength} characters long.");
        }

        return readOnly.Intersect(keys, StringComparer.Ordinal).Any()
            ? ValidateOptionsResult.Fail("A key cannot be both in Api:Keys and Api:ReadOnlyKeys.")
            : ValidateOptionsResult.Success;
    }
}
