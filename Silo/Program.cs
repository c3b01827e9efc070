using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WaApp.DynamoDB.Hosting;
using WaApp.Grains.Hosting;
using WaApp.ServiceDefaults;
using WaApp.ServiceDefaults.Health;
using WaApp.ServiceDefaults.Media;
using WaApp.Grains.Media;
using WaApp.Silo.Media;
using WaApp.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("silo", "http://0.0.0.0:8081");

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
    silo.AddDynamoDBEventStore(options => dynamo.Configure(options));
    silo.UseDynamoDBReminderService(options => dynamo.Configure(options));
    silo.AddWaAppGrains();
    silo.AddWaAppSending(builder.Configuration);
});

builder.AddWaAppOperations();
builder.Services.AddMediaStorage(builder.Configuration);
builder.Services.AddSingleton<IMediaObjectStore, BucketMediaObjectStore>();

builder.Services.AddHealthChecks()
    .AddCheck<SiloHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag])
    .AddDynamoDB(dynamo, HealthEndpoints.ReadyTag);

var app = builder.Build();
GraphApiEndpointLog.Announce(app.Services);
app.UseWaAppOperations();

app.MapDefaultEndpoints();
app.Run();
