using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Templates;

public static class TemplateManagementServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITemplateManagementClient"/> on the options of the Graph API client (bound by the host).
    /// Each request is bounded by <see cref="GraphApiClientOptions.RequestTimeout"/>.
    /// </summary>
    public static IHttpClientBuilder AddWhatsAppTemplateManagement(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddHttpClient<ITemplateManagementClient, GraphTemplateClient>((provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<GraphApiClientOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectTimeout = provider.GetRequiredService<IOptions<GraphApiClientOptions>>().Value.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            });
    }
}
