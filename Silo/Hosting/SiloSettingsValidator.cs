using System.Net;
using Microsoft.Extensions.Options;

namespace WaApp.Silo.Hosting;

/// <summary>Fails start-up on settings a silo cannot join a cluster with.</summary>
public sealed class SiloSettingsValidator : IValidateOptions<SiloSettings>
{
    public ValidateOptionsResult Validate(string? name, SiloSettings settings)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(settings.ClusterId))
        {
            failures.Add("Orleans:ClusterId is required.");
        }

        if (string.IsNullOrWhiteSpace(settings.ServiceId))
        {
            failures.Add("Orleans:ServiceId is required.");
        }

        if (settings.SiloPort is < 1 or > 65535 || settings.GatewayPort is < 1 or > 65535 || settings.SiloPort == settings.GatewayPort)
        {
            failures.Add("Orleans:SiloPort and Orleans:GatewayPort must be two different ports between 1 and 65535.");
        }

        if (!IPAddress.TryParse(settings.AdvertisedIP, out _))
        {
            failures.Add($"Orleans:AdvertisedIP '{settings.AdvertisedIP}' is not an IP address.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
