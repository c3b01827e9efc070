using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WaApp.WebGateway.Api;
using WaApp.WebGateway.Tenants;

namespace WaApp.WebGateway.LiveFeed;

/// <summary>
/// <c>GET /ws</c>: the live feed. Subscriptions come from the query (<c>business=</c>, <c>conversation=</c>, both
/// repeatable) and from <c>subscribe</c>/<c>unsubscribe</c> messages; see docs/api.md.
/// </summary>
public static class LiveFeedEndpoints
{
    public const string Path = "/ws";

    public static WebApplicationBuilder AddLiveFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveSocketOptions>().Bind(builder.Configuration.GetSection(LiveSocketOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveSocketOptions>, LiveFeedOptionsValidator>());
        builder.Services.AddSingleton<LiveFeedHub>();
        builder.Services.AddHostedService<LiveFeedRegistration>();
        return builder;
    }

    public static WebApplication MapLiveFeed(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<LiveSocketOptions>>().Value;
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.KeepAliveInterval, KeepAliveTimeout = options.KeepAliveInterval * 2 });
        app.MapGet(Path, ConnectAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ConnectAsync(HttpContext context, LiveFeedHub hub, IOptions<LiveSocketOptions> options, ILoggerFactory loggers, TenantDirectory directory)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Problems.Validation("upgrade", "GET /ws is a WebSocket endpoint: connect with a WebSocket client.");
        }

        var query = context.Request.Query;
        var subscriptions = LiveSubscriptions.None.Change(
            query["business"].OfType<string>(),
            query["conversation"].OfType<string>(),
            add: true,
            options.Value.MaxSubscriptionsPerSocket,
            out var problem);
        if (problem is not null)
        {
            return Problems.Validation("subscriptions", problem);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var user = context.User;
        var keyId = user.FindFirst(TenantClaims.Key)?.Value;
        var live = new LiveSocket(socket, subscriptions, hub, options.Value, loggers.CreateLogger<LiveSocket>(), number =>
            directory.CanDecide(user) && directory.MayAccess(user, number) && (keyId is null || directory.FindKey(keyId) is not null));
        await live.RunAsync(context.RequestAborted);
        return Results.Empty;
    }
}
