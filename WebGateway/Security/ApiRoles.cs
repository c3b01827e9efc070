namespace WaApp.WebGateway.Security;

/// <summary>What an API key may do; <see cref="AgentPolicy"/> guards every endpoint that changes something.</summary>
public static class ApiRoles
{
    public const string Agent = "agent";
    public const string Reader = "reader";

    /// <summary>The authorization policy of write endpoints: a key from <c>Api__Keys__*</c>.</summary>
    public const string AgentPolicy = "api-agent";
}
