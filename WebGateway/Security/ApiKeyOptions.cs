namespace WaApp.WebGateway.Security;

/// <summary>The <c>Api</c> configuration section: keys agents and tools present as <c>Authorization: Bearer {key}</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    /// <summary>The key Development uses when none is configured (scripts/start_dev.sh prints it).</summary>
    public const string DevelopmentKey = "dev-api-key";

    public List<string> Keys { get; set; } = [];
}
