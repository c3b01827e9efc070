namespace WaApp.WebGateway.Security;

/// <summary>What an API key may do; <see cref="ApiPolicy"/> guards the <c>/api/v1</c> group.</summary>
public static class ApiRoles
{
    public const string Agent = "agent";
    public const string Reader = "reader";

    /// <summary>
    /// The authorization policy of the <c>/api/v1</c> group (<see cref="ApiAccess"/>): an agent key everywhere, a
    /// read-only key only on endpoints marked read-only.
    /// </summary>
    public const string ApiPolicy = "api";
}
