using WaApp.ServiceDefaults.Media;
using WaApp.WhatsApp.Graph;

namespace WaApp.WebGateway.Media;

public static class MediaServiceExtensions
{
    /// <summary>
    /// What the gateway's media endpoints need: the bucket (serving customers' files, keeping uploads) and Meta's media
    /// client for uploads. Uploads go from the gateway straight to Meta: they are not messages, so the sender's
    /// per-number message throughput does not apply, and the file never travels through the cluster.
    /// </summary>
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddMediaStorage(builder.Configuration);
        builder.Services.AddOptions<GraphApiClientOptions>()
            .Bind(builder.Configuration.GetSection(GraphApiClientOptions.SectionName))
            .Bind(builder.Configuration.GetSection(GraphApiClientOptions.TuningSectionName));
        builder.Services.AddWhatsAppGraphMediaClient();
        return builder;
    }
}
