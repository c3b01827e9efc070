using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;

namespace WaApp.EventSourcing.Hosting;

/// <summary>Wires event-sourced grains to whichever <see cref="Storage.IEventStore"/> a storage provider registers.</summary>
public static class EventSourcingExtensions
{
    /// <summary>
    /// The streams of event-sourced grains and the CustomStorage log-consistency provider named
    /// <see cref="EventSourcingConstants.LogConsistencyProviderName"/>. An event store must be registered too.
    /// </summary>
    public static ISiloBuilder AddEventSourcing(this ISiloBuilder builder, Action<EventSourcedStreamOptions>? configure = null)
    {
        builder.Services.AddEventSourcedStreams(configure);
        builder.AddCustomStorageBasedLogConsistencyProvider(EventSourcingConstants.LogConsistencyProviderName);
        return builder;
    }

    /// <summary>The streams without the log-consistency provider (for tools and tests outside a silo).</summary>
    public static IServiceCollection AddEventSourcedStreams(this IServiceCollection services, Action<EventSourcedStreamOptions>? configure = null)
    {
        var options = services.AddOptions<EventSourcedStreamOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigurationValidator, EventSourcedStreamOptionsValidator>());
        services.ConfigureFormatter<EventSourcedStreamOptions>();
        services.TryAddSingleton<KnownStreams>();
        services.TryAddSingleton<IEventSourcedStreamFactory, EventSourcedStreamFactory>();
        return services;
    }
}
