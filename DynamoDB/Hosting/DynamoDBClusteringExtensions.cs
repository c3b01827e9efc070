using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;
using WaApp.DynamoDB.Membership;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;

namespace WaApp.DynamoDB.Hosting;

public static class DynamoDBClusteringExtensions
{
    /// <summary>Silo membership in DynamoDB.</summary>
    public static ISiloBuilder UseDynamoDBClustering(this ISiloBuilder builder, Action<DynamoDBClusteringOptions> configure) =>
        builder.UseDynamoDBClustering(ob => ob.Configure(configure));

    /// <summary>Silo membership in DynamoDB, configured through an options builder (e.g. bound from configuration).</summary>
    public static ISiloBuilder UseDynamoDBClustering(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDBClusteringOptions>> configureOptions)
    {
        configureOptions(builder.Services.AddOptions<DynamoDBClusteringOptions>());
        builder.Services.AddTransient<IConfigurationValidator>(sp =>
            new DynamoDBOptionsValidator<DynamoDBClusteringOptions>(sp.GetRequiredService<IOptions<DynamoDBClusteringOptions>>().Value, "Clustering"));
        builder.Services.TryAddSingleton<DynamoDBClientProvider>();
        builder.Services.ConfigureFormatter<DynamoDBClusteringOptions>();
        builder.Services.AddSingleton<IMembershipTable, DynamoDBMembershipTable>();
        return builder;
    }

    /// <summary>Clients read the gateway list from the silos' membership table.</summary>
    public static IClientBuilder UseDynamoDBClustering(this IClientBuilder builder, Action<DynamoDBGatewayOptions> configure) =>
        builder.UseDynamoDBClustering(ob => ob.Configure(configure));

    public static IClientBuilder UseDynamoDBClustering(this IClientBuilder builder, Action<OptionsBuilder<DynamoDBGatewayOptions>> configureOptions)
    {
        configureOptions(builder.Services.AddOptions<DynamoDBGatewayOptions>());
        builder.Services.AddTransient<IConfigurationValidator>(sp =>
            new DynamoDBOptionsValidator<DynamoDBGatewayOptions>(sp.GetRequiredService<IOptions<DynamoDBGatewayOptions>>().Value, "Gateway list"));
        builder.Services.TryAddSingleton<DynamoDBClientProvider>();
        builder.Services.ConfigureFormatter<DynamoDBGatewayOptions>();
        builder.Services.AddSingleton<IGatewayListProvider, DynamoDBGatewayListProvider>();
        return builder;
    }
}
