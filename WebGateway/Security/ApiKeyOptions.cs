namespace WaApp.WebGateway.Security;

/// <summary>The <c>Api</c> configuration section: keys agents and tools present as <c>Authorization: Bearer {key}</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    /// <summary>The key Development uses when none is configured (scripts/start_dev.sh prints it).</summary>
    public const string DevelopmentKey = "dev-api-key";

    /// <summary>Keys with full access (role <see cref="ApiRoles.Agent"/>): read everything, act on conversations, change settings.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Keys that may only read (role <see cref="ApiRoles.Reader"/>), e.g. for dashboards; writes answer 403.</summary>
    public List<string> ReadOnlyKeys { get; set; } = [];

    /// <summary>
    /// Operator keys (<c>Api__OperatorKeys__n</c>): they manage tenants through <c>/api/v1/admin/tenants</c> and
    /// nothing else. Optional; a single-tenant install needs none.
    /// </summary>
    public List<string> OperatorKeys { get; set; } = [];

    /// <summary>Wrong keys one address may present within <see cref="FailedAttemptWindow"/> before it gets 429.</summary>
    public int FailedAttemptLimit { get; set; } = 20;

    /// <summary>The window of <see cref="FailedAttemptLimit"/>; also how long a throttled address waits.</summary>
    public TimeSpan FailedAttemptWindow { get; set; } = TimeSpan.FromMinutes(1);
}
