namespace WaApp.WebGateway.Hosting;

/// <summary>The gateway's part of the <c>Orleans</c> configuration section: which cluster to join as a client.</summary>
public sealed class GatewaySettings
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "dev";

    public string ServiceId { get; set; } = "waapp";

    /// <summary>Pause between attempts to reach the cluster; the gateway keeps trying rather than exit.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
