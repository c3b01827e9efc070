using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.Hosting;

public sealed class DashboardAccessOptionsValidator : IValidateOptions<DashboardAccessOptions>
{
    private static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, DashboardAccessOptions options) =>
        options.SessionLifetime >= Shortest && options.SessionLifetime <= Longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Dashboard:SessionLifetime must be between {Shortest} and {Longest}.");
}
