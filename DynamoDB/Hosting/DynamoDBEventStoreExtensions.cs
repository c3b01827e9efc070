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

namespace WaApp.DynamoDB.Hosting;

public static class DynamoDBEventStoreExtensions
{
    /// <summary>
    /// The DynamoDB event store for event-sourced grains: <see cref="IEventStore"/>, <see cref="IEventSourcedStreamFactory"/>,
    /// table creation at silo start, and the CustomStorage log-consistency provider named
    /// <see cref="EventSourcingConstants.LogConsistencyProviderName"/>.
    /// </summary>
    public static ISiloBuilder AddDynamoDBEventStore(this ISiloBuilder builder, Action<DynamoDBEventStoreOptions> configure)
    {
        builder.Services.AddDynamoDBEventStore(configure);
        builder.AddCustomStorageBasedLogConsistencyProvider(EventSourcingConstants.LogConsistencyProviderName);
        return builder;
    }

    /// <summary>The event store without the log-consistency provider (for tools and tests outside a silo).</summary>
    public static IServiceCollection AddDynamoDBEventStore(this IServiceCollection services, Action<DynamoDBEventStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DynamoDBEventStoreOptions>().Configure(configure);
        services.AddTransient<IConfigurationValidator>(sp =>
            new DynamoDBEventStoreOptionsValidator(sp.GetRequiredService<IOptions<DynamoDBEventStoreOptions>>().Value, "EventStore"));
        services.ConfigureFormatter<DynamoDBEventStoreOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DynamoDBClientProvider>();
        services.TryAddSingleton<DynamoDBEventStore>();
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<DynamoDBEventStore>());
        services.TryAddSingleton<IEventSourcedStreamFactory, EventSourcedStreamFactory>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DynamoDBEventStore>());
        return services;
    }
}
