using System.Net;

namespace WaApp.Silo.Hosting;

/// <summary>The silo's part of the <c>Orleans</c> configuration section (design section 6).</summary>
public sealed class SiloSettings
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "dev";

    public string ServiceId { get; set; } = "waapp";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (gateways) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (a task's private IP on ECS).</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    public IPAddress AdvertisedAddress => IPAddress.Parse(AdvertisedIP);
}
