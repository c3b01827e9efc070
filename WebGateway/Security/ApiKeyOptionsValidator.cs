using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.Security;

/// <summary>
/// Refuses to start with no API key or with keys weak enough to guess: outside Development every key has at least
/// <see cref="MinimumKeyLength"/> characters and no white space (a key pasted with a newline would otherwise be a
/// different, unusable key).
/// </summary>
public sealed class ApiKeyOptionsValidator(IHostEnvironment environment) : IValidateOptions<ApiKeyOptions>
{
    public const int MinimumKeyLength = 32;
    private const int MinimumDevelopmentKeyLength = 8;

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var keys = options.Keys.Where(key => !string.IsNullOrWhiteSpace(key)).ToList();
        if (keys.Count == 0)
        {
            return ValidateOptionsResult.Fail("Api:Keys needs at least one API key (Api__Keys__0).");
        }

        var readOnly = options.ReadOnlyKeys.Where(key => !string.IsNullOrWhiteSpace(key)).ToList();
        var minimum = environment.IsDevelopment() ? MinimumDevelopmentKeyLength : MinimumKeyLength;
        if (keys.Concat(readOnly).Any(key => key.Length < minimum))
        {
            return ValidateOptionsResult.Fail($"Every API key must be at least {minimum} characters long in {environment.EnvironmentName}.");
        }

        if (!environment.IsDevelopment() && keys.Concat(readOnly).Any(key => key.Any(char.IsWhiteSpace)))
        {
            return ValidateOptionsResult.Fail("An API key must not contain white space.");
        }

        if (options.FailedAttemptLimit < 1 || options.FailedAttemptWindow <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Api:FailedAttemptLimit must be at least 1 and Api:FailedAttemptWindow positive.");
        }

        return readOnly.Intersect(keys, StringComparer.Ordinal).Any()
            ? ValidateOptionsResult.Fail("A key cannot be both in Api:Keys and Api:ReadOnlyKeys.")
            : ValidateOptionsResult.Success;
    }
}
