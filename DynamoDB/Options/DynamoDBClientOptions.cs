using Orleans;

namespace WaApp.DynamoDB.Options;

/// <summary>How to reach DynamoDB; the names follow the official Orleans AWS providers.</summary>
public class DynamoDBClientOptions
{
    /// <summary>A region name (for example <c>eu-west-1</c>) or an http(s) URL of a local endpoint such as dynalite.</summary>
    public string Service { get; set; } = "http://127.0.0.1:8000";

    [Redact]
    public string? AccessKey { get; set; }

    [Redact]
    public string? SecretKey { get; set; }

    [Redact]
    public string? Token { get; set; }

    /// <summary>A profile from the shared AWS credentials file; ignored when keys are given.</summary>
    public string? ProfileName { get; set; }

    /// <summary>How often the SDK retries throttled or failed requests (with its exponential backoff).</summary>
    public int MaxErrorRetry { get; set; } = 5;

    /// <summary>Upper bound for one HTTP request to DynamoDB.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when <see cref="Service"/> names a local endpoint rather than a region.</summary>
    public bool IsServiceUrl =>
        Service.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
        Service.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
