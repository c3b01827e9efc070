using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Business;
using WaApp.Grains.Conversations;
using WaApp.Grains.LiveFeed;
using WaApp.Grains.Media;
using WaApp.Grains.Metrics;
using WaApp.Grains.Subscriptions;
using WaApp.Grains.Templates;
using WaApp.Grains.Tenants;

namespace WaApp.Grains.Hosting;

public static class GrainsHostingExtensions
{
    /// <summary>Registers what WaApp's grains need from the silo besides storage providers.</summary>
    public static ISiloBuilder AddWaAppGrains(this ISiloBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OutboundMetrics>();
        builder.Services.TryAddSingleton<ConversationMetrics>();
        builder.Services.TryAddSingleton<SubscriptionMetrics>();
        builder.Services.TryAddSingleton<IStreamActivityKeys, ConversationActivityKeys>();
        builder.Services.TryAddSingleton<ConversationActivityReader>();
        builder.Services.AddOptions<BusinessGrainOptions>()
            .Bind(builder.Configuration.GetSection(BusinessGrainOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusinessGrainOptions>, BusinessGrainOptionsValidator>());
        builder.Services.TryAddSingleton<BusinessSettingsCache>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, BusinessSettingsCacheLifecycle>();
        builder.Services.TryAddSingleton<BusinessActivityReporter>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<BusinessActivityReporter>());
        builder.Services.AddOptions<LiveFeedOptions>()
            .Bind(builder.Configuration.GetSection(LiveFeedOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveFeedOptions>, LiveFeedOptionsValidator>());
        builder.Services.AddOptions<MediaFetchOptions>()
            .Bind(builder.Configuration.GetSection(MediaFetchOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaFetchOptions>, MediaFetchOptionsValidator>());

        builder.Services.AddOptions<TemplateCatalogOptions>()
            .Bind(builder.Configuration.GetSection(TemplateCatalogOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TemplateCatalogOptions>, TemplateCatalogOptionsValidator>());

        builder.Services.AddOptions<TenantOptions>()
            .Bind(builder.Configuration.GetSection(TenantOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantOptions>, TenantOptionsValidator>());
        builder.Services.TryAddSingleton<AccessTokenProtector>();
        builder.Services.AddOptions<SubscriptionOptions>()
            .Bind(builder.Configuration.GetSection(SubscriptionOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SubscriptionOptions>, SubscriptionOptionsValidator>());
        builder.Services.TryAddSingleton<SubscriptionSender>();
        builder.Services.TryAddSingleton<SubscriptionRouteTable>();
        builder.Services.AddHostedService<SubscriptionRouteRefresher>();
        builder.Services.TryAddSingleton<LiveFeedPublisher>();
        builder.Services.TryAddSingleton<ILiveFeedPublisher>(services => services.GetRequiredService<LiveFeedPublisher>());
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveFeedPublisher>());
        return builder;
    }
}
