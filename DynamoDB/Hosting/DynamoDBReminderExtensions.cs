using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Reminders;
using WaApp.DynamoDB.Tables;

namespace WaApp.DynamoDB.Hosting;

public static class DynamoDBReminderExtensions
{
    /// <summary>Durable reminders in DynamoDB.</summary>
    public static ISiloBuilder UseDynamoDBReminderService(this ISiloBuilder builder, Action<DynamoDBReminderStorageOptions> configure) =>
        builder.UseDynamoDBReminderService(ob => ob.Configure(configure));

    public static ISiloBuilder UseDynamoDBReminderService(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDBReminderStorageOptions>> configureOptions)
    {
        builder.Services.UseDynamoDBReminderService(configureOptions);
        return builder;
    }

    public static IServiceCollection UseDynamoDBReminderService(this IServiceCollection services, Action<OptionsBuilder<DynamoDBReminderStorageOptions>> configureOptions)
    {
        services.AddReminders();
        configureOptions(services.AddOptions<DynamoDBReminderStorageOptions>());
        services.AddTransient<IConfigurationValidator>(sp =>
            new DynamoDBOptionsValidator<DynamoDBReminderStorageOptions>(sp.GetRequiredService<IOptions<DynamoDBReminderStorageOptions>>().Value, "Reminders"));
        services.TryAddSingleton<DynamoDBClientProvider>();
        services.ConfigureFormatter<DynamoDBReminderStorageOptions>();
        services.AddSingleton<IReminderTable, DynamoDBReminderTable>();
        return services;
    }
}
