using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WaApp.Grains.Outbound;
using WaApp.WhatsApp.Graph;
using WaApp.WhatsApp.Options;

namespace WaApp.Grains.Hosting;

public static class SendingHostingExtensions
{
    /// <summary>
    /// Registers what <see cref="SenderGrain"/> needs: the Graph API client, the <c>WhatsApp</c> settings it sends
    /// with (checked by <see cref="SendingSettingsValidator"/>, not by the gateway's webhook validator: a silo has
    /// no use for app secrets or the verify token) and the <c>Sender</c> tunables, all validated at start-up.
    /// </summary>
    public static ISiloBuilder AddWaAppSending(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WhatsAppOptions>().Bind(configuration.GetSection(WhatsAppOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WhatsAppOptions>, SendingSettingsValidator>();
        services.AddOptions<SenderOptions>().Bind(configuration.GetSection(SenderOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SenderOptions>, SenderOptionsValidator>();
        services.AddOptions<GraphApiClientOptions>().Bind(configuration.GetSection(GraphApiClientOptions.SectionName)).ValidateOnStart();
        services.AddWhatsAppGraphApiClient();
        return builder;
    }
}
