using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using WaApp.DynamoDB.EventStore;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Hosting;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;

namespace WaApp.DynamoDB.Hosting;

public static class DynamoDBEventStoreExtensions
{
    /// <summary>
    /// The DynamoDB event store for event-sourced grains: <see cref="IEventStore"/>, table creation at silo start,
    /// and (from WaApp.EventSourcing) <see cref="IEventSourcedStreamFactory"/> and the CustomStorage
    /// log-consistency provider named <see cref="EventSourcingConstants.LogConsistencyProviderName"/>.
    /// </summary>
    public static ISiloBuilder AddDynamoDBEventStore(
        this ISiloBuilder builder, Action<DynamoDBEventStoreOptions> configure, Action<EventSourcedStreamOptions>? configureStreams = null)
    {
        builder.Services.AddDynamoDBEventStoreOnly(configure);
        builder.AddEventSourcing(configureStreams);
        return builder;
    }

    /// <summary>The event store and its streams without the log-consistency provider (for tools and tests outside a silo).</summary>
    public static IServiceCollection AddDynamoDBEventStore(
        this IServiceCollection services, Action<DynamoDBEventStoreOptions> configure, Action<EventSourcedStreamOptions>? configureStreams = null) =>
        services.AddDynamoDBEventStoreOnly(configure).AddEventSourcedStreams(configureStreams);

    private static IServiceCollection AddDynamoDBEventStoreOnly(this IServiceCollection services, Action<DynamoDBEventStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DynamoDBEventStoreOptions>().Configure(configure);
        services.AddTransient<IConfigurationValidator>(sp =>
            new DynamoDBOptionsValidator<DynamoDBEventStoreOptions>(sp.GetRequiredService<IOptions<DynamoDBEventStoreOptions>>().Value, "EventStore"));
        services.ConfigureFormatter<DynamoDBEventStoreOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DynamoDBClientProvider>();
        services.TryAddSingleton<DynamoDBEventStore>();
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<DynamoDBEventStore>());
        services.TryAddSingleton<IStreamActivityIndex>(sp => sp.GetRequiredService<DynamoDBEventStore>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DynamoDBEventStore>());
        return services;
    }
}
