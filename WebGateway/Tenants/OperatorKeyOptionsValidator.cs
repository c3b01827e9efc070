using Microsoft.Extensions.Options;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Tenants;

/// <summary>Operator keys (<c>Api__OperatorKeys__n</c>) follow the rules of other settings keys and are distinct from them.</summary>
public sealed class OperatorKeyOptionsValidator(IHostEnvironment environment) : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var operators = options.OperatorKeys.Where(key => !string.IsNullOrWhiteSpace(key)).ToList();
        var minimum = environment.IsDevelopment() ? 8 : ApiKeyOptionsValidator.MinimumKeyLength;
        if (operators.Any(key => key.Length < minimum || key.Any(char.IsWhiteSpace)))
        {
            return ValidateOptionsResult.Fail($"Every operator key (Api:OperatorKeys) must be at least {minimum} characters long, without white space.");
        }

        return operators.Intersect(options.Keys.Concat(options.ReadOnlyKeys), StringComparer.Ordinal).Any()
            ? ValidateOptionsResult.Fail("A key cannot be both an operator key and an API key.")
            : ValidateOptionsResult.Success;
    }
}
