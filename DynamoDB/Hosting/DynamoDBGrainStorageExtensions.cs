using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Storage;
using WaApp.DynamoDB.Tables;

namespace WaApp.DynamoDB.Hosting;

public static class DynamoDBGrainStorageExtensions
{
    public static ISiloBuilder AddDynamoDBGrainStorageAsDefault(this ISiloBuilder builder, Action<DynamoDBStorageOptions> configure) =>
        builder.AddDynamoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    public static ISiloBuilder AddDynamoDBGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDBStorageOptions>>? configureOptions = null) =>
        builder.AddDynamoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    public static ISiloBuilder AddDynamoDBGrainStorage(this ISiloBuilder builder, string name, Action<DynamoDBStorageOptions> configure) =>
        builder.AddDynamoDBGrainStorage(name, ob => ob.Configure(configure));

    public static ISiloBuilder AddDynamoDBGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<DynamoDBStorageOptions>>? configureOptions = null)
    {
        builder.Services.AddDynamoDBGrainStorage(name, configureOptions);
        return builder;
    }

    public static IServiceCollection AddDynamoDBGrainStorageAsDefault(this IServiceCollection services, Action<DynamoDBStorageOptions> configure) =>
        services.AddDynamoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, ob => ob.Configure(configure));

    public static IServiceCollection AddDynamoDBGrainStorage(this IServiceCollection services, string name, Action<DynamoDBStorageOptions> configure) =>
        services.AddDynamoDBGrainStorage(name, ob => ob.Configure(configure));

    /// <summary>A named DynamoDB grain storage; "Default" also becomes the un-keyed storage.</summary>
    public static IServiceCollection AddDynamoDBGrainStorage(this IServiceCollection services, string name, Action<OptionsBuilder<DynamoDBStorageOptions>>? configureOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        configureOptions?.Invoke(services.AddOptions<DynamoDBStorageOptions>(name));
        services.AddTransient<IConfigurationValidator>(sp =>
            new DynamoDBOptionsValidator<DynamoDBStorageOptions>(sp.GetRequiredService<IOptionsMonitor<DynamoDBStorageOptions>>().Get(name), name));
        services.AddTransient<IPostConfigureOptions<DynamoDBStorageOptions>>(sp => new SystemTextJsonByDefault(sp));
        services.ConfigureNamedOptionForLogging<DynamoDBStorageOptions>(name);
        services.TryAddSingleton<DynamoDBClientProvider>();
        services.AddGrainStorage(name, (sp, n) =>
            ActivatorUtilities.CreateInstance<DynamoDBGrainStorage>(sp, n, sp.GetRequiredService<IOptionsMonitor<DynamoDBStorageOptions>>().Get(n)));
        return services;
    }

    /// <summary>A serializer registered under the provider's name wins; otherwise System.Text.Json (no CLR type names in stored state).</summary>
    private sealed class SystemTextJsonByDefault(IServiceProvider services) : IPostConfigureOptions<DynamoDBStorageOptions>
    {
        public void PostConfigure(string? name, DynamoDBStorageOptions options)
        {
            options.GrainStorageSerializer ??= (name is null ? null : services.GetKeyedService<IGrainStorageSerializer>(name))
                ?? ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
        }
    }
}
