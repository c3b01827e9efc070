using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace WaApp.WhatsApp.Graph;

public static class GraphApiClientServiceCollectionExtensions
{
    /// <summary>The name of the resilience pipeline (visible in telemetry).</summary>
    public const string PipelineName = "whatsapp-graph-api";

    /// <summary>
    /// Registers <see cref="IGraphApiClient"/> as a typed <see cref="HttpClient"/>, with <see cref="GraphApiClientOptions"/>
    /// (bound by the host) checked by <see cref="GraphApiClientOptionsValidator"/>. The resilience pipeline retries only connections
    /// that never opened and bounds each request with <see cref="GraphApiClientOptions.RequestTimeout"/>; every other
    /// retry decision belongs to the caller, guided by <see cref="GraphErrorClassifier"/>.
    /// </summary>
    public static IHttpClientBuilder AddWhatsAppGraphApiClient(this IServiceCollection services, Action<GraphApiClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GraphApiClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<GraphApiClientOptions>, GraphApiClientOptionsValidator>();

        var builder = services.AddHttpClient<IGraphApiClient, GraphApiClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectTimeout = provider.GetRequiredService<IOptions<GraphApiClientOptions>>().Value.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            });

        builder.AddResilienceHandler(PipelineName, static (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<GraphApiClientOptions>>().Value;
            if (settings.ConnectRetryCount > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.ConnectRetryCount,
                    Delay = settings.ConnectRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = static args => ValueTask.FromResult(
                        args.Outcome.Exception is HttpRequestException exception && GraphApiClient.NeverReachedServer(exception)),
                });
            }

            pipeline.AddTimeout(settings.RequestTimeout);
        });

        return builder;
    }

    /// <summary>
    /// Registers <see cref="Media.IGraphMediaClient"/> (media lookup, download, upload) with the same options as the send
    /// client. Its timeout is <paramref name="timeout"/> per request (files of up to 100 MB), not the send timeout.
    /// </summary>
    public static IHttpClientBuilder AddWhatsAppGraphMediaClient(this IServiceCollection services, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GraphApiClientOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphApiClientOptions>, GraphApiClientOptionsValidator>());
        return services.AddHttpClient<Media.IGraphMediaClient, Media.GraphMediaClient>(client => client.Timeout = timeout ?? TimeSpan.FromMinutes(2))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectTimeout = provider.GetRequiredService<IOptions<GraphApiClientOptions>>().Value.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // Files are stored byte for byte as Meta hashed them.
                AutomaticDecompression = DecompressionMethods.None,
            });
    }
}
