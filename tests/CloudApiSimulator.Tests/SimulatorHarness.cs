using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WaApp.CloudApiSimulator.Sending;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Graph;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>
/// The simulator on real Kestrel (a free loopback port), a webhook receiver in the gateway's place, and WaApp's
/// own Graph API client pointed at the simulator.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public const string PhoneNumberId = "117283940561728";
    public const string Ana = "14155550123";

    private readonly WebApplication _simulator;
    private readonly ServiceProvider _clientServices;

    private SimulatorHarness(WebApplication simulator, WebhookReceiver receiver, ServiceProvider clientServices)
    {
        _simulator = simulator;
        Receiver = receiver;
        _clientServices = clientServices;
        BaseAddress = new Uri(simulator.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public WebhookReceiver Receiver { get; }

    public IGraphApiClient Graph => _clientServices.GetRequiredService<IGraphApiClient>();

    public static async Task<SimulatorHarness> StartAsync(IReadOnlyDictionary<string, string>? settings = null, Action<GraphApiClientOptions>? client = null)
    {
        var receiver = await WebhookReceiver.StartAsync();
        Dictionary<string, string> all = new()
        {
            ["Simulator:ListenUrl"] = "http://127.0.0.1:0",
            ["Simulator:WebhookUrl"] = receiver.Url.ToString(),
            ["Simulator:AppSecret"] = WebhookFixtures.AppSecret,
            ["Simulator:SentDelay"] = "00:00:00.020",
            ["Simulator:DeliveredDelay"] = "00:00:00.020",
            ["Simulator:ReadDelay"] = "00:00:00.020",
            ["Simulator:WebhookRetryDelay"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var simulator = SimulatorApp.Build([.. all.Select(setting => $"--{setting.Key}={setting.Value}")]);
        await simulator.StartAsync();
        var baseAddress = new Uri(simulator.Urls.First());

        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<GraphApiClientOptions>(options =>
        {
            options.GraphApiBaseUrl = baseAddress;
            options.ApiVersion = "v24.0";
            options.AccessToken = "dev-token";
        });
        services.AddWhatsAppGraphApiClient(client);
        return new SimulatorHarness(simulator, receiver, services.BuildServiceProvider());
    }

    /// <summary>A user message through <c>POST /simulator/inbound</c>: opens the window and reaches the receiver.</summary>
    public async Task<JsonNode> InjectInboundAsync(string text, string from = Ana, long? timestamp = null)
    {
        using var response = await Http.PostAsJsonAsync("/simulator/inbound", new { phoneNumberId = PhoneNumberId, from, name = "Ana Ruiz", text, timestamp });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task AddFaultAsync(FaultKind kind, int count)
    {
        using var response = await Http.PostAsJsonAsync("/simulator/faults", new { kind = kind.ToString(), count });
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonArray> RequestsAsync() =>
        (await Http.GetFromJsonAsync<JsonArray>($"/simulator/requests?phoneNumberId={PhoneNumberId}"))!;

    public Task<SendResult> SendTextAsync(string text = "Your order has shipped", string to = "+" + Ana) =>
        Graph.SendMessageAsync(PhoneNumberId, SendMessageRequest.ForText(to, text));

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after a generous deadline.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _clientServices.DisposeAsync();
        // Stopped, not only disposed: stopping cancels the statuses still being played, which would otherwise go on
        // posting to this receiver's port after the test, and reach a later test's receiver that got the same port.
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
