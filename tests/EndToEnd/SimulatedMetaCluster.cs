using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// One silo and a gateway whose Graph API is the Cloud API simulator (a process too), which posts its signed
/// webhooks back to the gateway. Its timeout fault holds a send for 40 s, longer than the client waits (20 s).
/// </summary>
public class SimulatedMetaCluster : IAsyncLifetime
{
    private readonly string _simulatorUrl = $"http://127.0.0.1:{FreePort.Next()}";
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _faultTimeout;
    private HostProcess? _simulator;

    public SimulatedMetaCluster()
        : this(requestTimeout: TimeSpan.FromSeconds(20), faultTimeout: TimeSpan.FromSeconds(40))
    {
    }

    /// <param name="requestTimeout">How long the silo waits for Meta's answer.</param>
    /// <param name="faultTimeout">How long the simulator holds a send for its timeout faults (longer than <paramref name="requestTimeout"/>).</param>
    protected SimulatedMetaCluster(TimeSpan requestTimeout, TimeSpan faultTimeout)
    {
        _requestTimeout = requestTimeout;
        _faultTimeout = faultTimeout;
    }

    public LocalCluster Cluster { get; private set; } = null!;

    /// <summary>True starts the cluster with a local S3 (s3rver) for media.</summary>
    protected virtual bool WithMedia => false;

    /// <summary>More settings for every host of the cluster.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>The simulator's base URL: the silo's Graph API.</summary>
    public Uri SimulatorUrl => new(_simulatorUrl + "/");

    public HttpClient Simulator { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static string NewCustomer() => "44" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        Simulator.BaseAddress = new Uri(_simulatorUrl);
        var settings = new Dictionary<string, string?>
        {
            ["WhatsApp__GraphApiBaseUrl"] = _simulatorUrl + "/",
            ["WhatsApp__GraphApi__RequestTimeout"] = _requestTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["WhatsApp__GraphApi__ConnectTimeout"] = (_requestTimeout / 2).ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        Cluster = await LocalCluster.StartAsync(silos: 1, extraSettings: settings, media: WithMedia);
        _simulator = HostProcess.Start("simulator", "tools/CloudApiSimulator", "WaApp.CloudApiSimulator", new Dictionary<string, string?>
        {
            ["Simulator__ListenUrl"] = _simulatorUrl,
            ["Simulator__WebhookUrl"] = Cluster.GatewayUrl + "/webhook",
            ["Simulator__AppSecret"] = WebhookFixtures.AppSecret,
            ["Simulator__AccessToken"] = Cluster.Settings["WhatsApp__AccessToken"],
            ["Simulator__SentDelay"] = "00:00:00.100",
            ["Simulator__DeliveredDelay"] = "00:00:00.100",
            ["Simulator__ReadDelay"] = "00:00:00.100",
            ["Simulator__FaultTimeout"] = _faultTimeout.ToString("c", CultureInfo.InvariantCulture),
        });
        await _simulator.WaitUntilHealthyAsync(_simulatorUrl + "/health/live", TimeSpan.FromSeconds(60));
    }

    /// <summary>A new customer writes to <paramref name="phoneNumberId"/> through the simulator (signed webhook to the gateway).</summary>
    public async Task<string> InjectInboundAsync(string phoneNumberId, string text)
    {
        var customer = NewCustomer();
        using var response = await Simulator.PostAsJsonAsync("/simulator/inbound", new { phoneNumberId, from = customer, name = "Ana", text });
        response.EnsureSuccessStatusCode();
        var webhookStatus = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhookStatus");
        Assert.True(webhookStatus.ValueKind == JsonValueKind.Number && webhookStatus.GetInt32() == 200, $"The gateway answered the inbound webhook with {webhookStatus}.");
        return customer;
    }

    public async Task AddFaultAsync(string kind, int count = 1)
    {
        using var response = await Simulator.PostAsJsonAsync("/simulator/faults", new { kind, count });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends the simulator received for <paramref name="customer"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestsAsync(string customer)
    {
        var all = await Simulator.GetFromJsonAsync<JsonElement[]>("/simulator/requests");
        return [.. all!.Where(request => request.GetProperty("body").GetString()!.Contains(customer, StringComparison.Ordinal))];
    }

    public async Task<JsonElement> EventuallyMessageAsync(HttpClient api, string customer, string id, Func<string, bool> status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/117283940561728/{customer}/messages");
                var message = page.GetProperty("items").EnumerateArray().FirstOrDefault(item => item.GetProperty("id").GetString() == id);
                last = message.ValueKind == JsonValueKind.Object ? message.GetProperty("status").GetString() : "(missing)";
                if (last is not null && status(last))
                {
                    return message;
                }
            }
            catch (HttpRequestException)
            {
                // The cluster may still be recovering from a killed silo.
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"Message {id} ended as '{last}'.{Environment.NewLine}{Cluster.Diagnostics()}");
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        Simulator.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
