using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WaApp.Grains.Outbound;
using WaApp.Grains.Templates;
using WaApp.Grains.Tenants;
using WaApp.WhatsApp.Graph;
using WaApp.WhatsApp.Templates;

namespace WaApp.Grains.Hosting;

public static class SendingHostingExtensions
{
    /// <summary>
    /// Registers what <see cref="SenderGrain"/> needs: the Graph API client with its <see cref="GraphApiClientOptions"/>
    /// (endpoint and token from <c>WhatsApp</c>, tunables from <c>WhatsApp:GraphApi</c>; a silo has no use for the
    /// webhook's app secrets or verify token) and the <c>Sender</c> tunables, all validated at start-up.
    /// </summary>
    public static ISiloBuilder AddWaAppSending(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SenderOptions>().Bind(configuration.GetSection(SenderOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SenderOptions>, SenderOptionsValidator>();
        services.AddOptions<GraphApiClientOptions>()
            .Bind(configuration.GetSection(GraphApiClientOptions.SectionName))
            .Bind(configuration.GetSection(GraphApiClientOptions.TuningSectionName))
            .ValidateOnStart();
        // Numbers registered to a tenant send with their business account's token (decrypted from the registry).
        services.TryAddSingleton<IAccessTokenSource, TenantAccessTokenSource>();
        services.AddWhatsAppGraphApiClient();
        services.AddWhatsAppGraphMediaClient();

        // Template management shares the endpoint and token; the start-up sync needs it, so it lives here too.
        services.AddWhatsAppTemplateManagement();
        services.AddHostedService<TemplateSyncAtStart>();
        return builder;
    }
}
