using Microsoft.Extensions.DependencyInjection;
using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

/// <summary>The client as the hosts register it (options, resilience pipeline), with a fake primary handler.</summary>
internal sealed class GraphClientHarness : IDisposable
{
    public const string PhoneNumberId = "117283940561728";
    public const string AccessToken = "EAAG-test-token";

    private readonly ServiceProvider _provider;

    public GraphClientHarness(FakeGraphHandler handler, string? accessToken = AccessToken, Action<GraphApiClientOptions>? configure = null, IAccessTokenSource? tokens = null)
    {
        var services = new ServiceCollection();
        if (tokens is not null)
        {
            services.AddSingleton(tokens);
        }

        services.AddLogging();
        services.Configure<GraphApiClientOptions>(options =>
        {
            options.AccessToken = accessToken;
            options.GraphApiBaseUrl = new Uri("https://graph.example.test");
            options.ApiVersion = "v24.0";
        });
        services.AddWhatsAppGraphApiClient(options =>
        {
            options.RequestTimeout = TimeSpan.FromSeconds(10);
            options.ConnectRetryDelay = TimeSpan.Zero;
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        _provider = services.BuildServiceProvider();
        Handler = handler;
    }

    public FakeGraphHandler Handler { get; }

    public IGraphApiClient Client => _provider.GetRequiredService<IGraphApiClient>();

    public Task<SendResult> SendTextAsync() =>
        Client.SendMessageAsync(PhoneNumberId, SendMessageRequest.ForText("+14155550123", "Hello"));

    public void Dispose() => _provider.Dispose();
}
