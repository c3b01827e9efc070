using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WaApp.DynamoDB.Hosting;
using WaApp.Grains.Hosting;
using WaApp.Grains.Media;
using WaApp.ServiceDefaults.Health;
using WaApp.ServiceDefaults.Media;
using WaApp.Silo.Media;

namespace WaApp.Silo.Hosting;

/// <summary>
/// The silo's composition, shared by the silo host (split mode) and the co-hosted server (<c>WaApp.Server</c>, the
/// gateway's endpoints inside the silo process): membership, storage, grains, sending, operations and readiness.
/// </summary>
public static class SiloHostExtensions
{
    /// <summary>Makes this host an Orleans silo of the configured cluster. Call after <c>AddServiceDefaults</c>.</summary>
    public static WebApplicationBuilder AddWaAppSilo(this WebApplicationBuilder builder)
    {
        var siloSettings = builder.Configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
        var siloValidation = new SiloSettingsValidator().Validate(null, siloSettings);
        if (siloValidation.Failed)
        {
            throw new OptionsValidationException(SiloSettings.SectionName, typeof(SiloSettings), siloValidation.Failures);
        }

        var dynamo = builder.Configuration.GetSection(DynamoDBSettings.SectionName).Get<DynamoDBSettings>() ?? new DynamoDBSettings();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = siloSettings.ClusterId;
                options.ServiceId = siloSettings.ServiceId;
            });
            silo.ConfigureEndpoints(siloSettings.AdvertisedAddress, siloSettings.SiloPort, siloSettings.GatewayPort, listenOnAnyHostAddress: true);
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.UseDynamoDBClustering(options => dynamo.Configure(options));
            silo.AddDynamoDBGrainStorageAsDefault(options => dynamo.Configure(options));
            silo.AddDynamoDBEventStore(options =>
            {
                dynamo.Configure(options);
                options.ActivityIndexPartitions = builder.Configuration.GetValue("DynamoDB:ActivityIndexPartitions", options.ActivityIndexPartitions);
            });
            silo.UseDynamoDBReminderService(options => dynamo.Configure(options));
            silo.AddWaAppGrains();
            silo.AddWaAppSending(builder.Configuration);
        });

        SiloOperationsExtensions.AddWaAppOperations(builder);
        builder.Services.AddMediaStorage(builder.Configuration);
        builder.Services.AddSingleton<IMediaObjectStore, BucketMediaObjectStore>();
        builder.Services.AddSingleton<IMediaReuploader, BucketMediaReuploader>();

        // Ready = this silo is active in the cluster and DynamoDB answers (a co-hosted gateway adds no checks of its own).
        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag])
            .AddDynamoDB(dynamo, HealthEndpoints.ReadyTag);
        return builder;
    }

    /// <summary>Call right after <c>Build()</c>.</summary>
    public static WebApplication UseWaAppSilo(this WebApplication app)
    {
        GraphApiEndpointLog.Announce(app.Services);
        SiloOperationsExtensions.UseWaAppOperations(app);
        return app;
    }
}
