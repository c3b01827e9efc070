using System.Globalization;
using System.Net.Http.Headers;

namespace WaApp.TestInfrastructure;

/// <summary>
/// WaApp as operators run it, on loopback: dynalite, N silo processes and a gateway process (built hosts, real
/// Kestrel, real Orleans networking, our DynamoDB providers). Each cluster uses its own ports, cluster id and table
/// prefix, so several can run at once.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string ApiKey = "e2e-api-key-7d1c";
    public const string VerifyToken = "e2e-verify-token";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string?> _settings;
    private readonly List<SiloSlot> _silos = [];

    private LocalCluster(DynamoDBServer dynamo, Dictionary<string, string?> settings)
    {
        DynamoDB = dynamo;
        _settings = settings;
        GatewayUrl = $"http://127.0.0.1:{FreePort.Next()}";
        GatewayManagementUrl = $"http://127.0.0.1:{FreePort.Next()}";
    }

    public DynamoDBServer DynamoDB { get; }

    /// <summary>The local S3 server when the cluster was started with media; its bucket is <c>Media__BucketName</c>.</summary>
    public S3Server? S3 { get; private init; }

    public string GatewayUrl { get; }

    /// <summary>The gateway's operators-only address (<c>Management__Port</c>): <c>/metrics</c> answers only here.</summary>
    public string GatewayManagementUrl { get; }

    public HostProcess? Gateway { get; private set; }

    public IReadOnlyList<HostProcess?> Silos => _silos.ConvertAll(slot => slot.Process);

    /// <summary>The HTTP base URL of silo <paramref name="index"/> (health, /metrics).</summary>
    public string SiloUrl(int index) => $"http://127.0.0.1:{_silos[index].HttpPort}";

    /// <summary>The silo-to-silo port of silo <paramref name="index"/>: part of its address in Orleans' views.</summary>
    public int SiloPort(int index) => _silos[index].SiloPort;

    /// <summary>The settings every host of this cluster gets (design section 6 names).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>Starts dynalite, <paramref name="silos"/> silos and the gateway, and waits until all are ready.</summary>
    /// <param name="extraSettings">More settings for every host, e.g. <c>Webhook__AcknowledgeTimeout</c>.</param>
    /// <param name="localDynamoDB">Always start a local dynalite (ignore DYNAMODB_SERVICE_URL), e.g. to stop it in an outage test.</param>
    /// <param name="media">Also start s3rver and point every host's media bucket at it (<see cref="S3"/>).</param>
    /// <param name="coHosted">
    /// Run one co-hosted server (<c>WaApp.Server</c>: the gateway inside a silo) instead of silo and gateway processes;
    /// it answers on <see cref="GatewayUrl"/> and <see cref="GatewayManagementUrl"/> and is <see cref="Gateway"/>.
    /// </param>
    public static async Task<LocalCluster> StartAsync(
        int silos = 1,
        bool onDiskStorage = false,
        IReadOnlyDictionary<string, string?>? extraSettings = null,
        bool localDynamoDB = false,
        bool media = false,
        bool coHosted = false)
    {
        if (coHosted && silos != 1)
        {
            throw new ArgumentException("A co-hosted cluster is one server.", nameof(silos));
        }

        if (extraSettings?.TryGetValue(GraphApiEndpoint.SettingName, out var graphApi) == true && !GraphApiEndpoint.IsLoopback(graphApi))
        {
            throw new ArgumentException($"{GraphApiEndpoint.SettingName} must be a loopback URL in tests (the simulator or {GraphApiEndpoint.Unroutable}), not '{graphApi}'.", nameof(extraSettings));
        }

        var dynamo = await DynamoDBServer.StartAsync(onDiskStorage, allowExternal: !localDynamoDB);
        var settings = new Dictionary<string, string?>
        {
            ["DynamoDB__Service"] = dynamo.ServiceUrl,
            ["DynamoDB__TablePrefix"] = DynamoDBServer.UniqueTablePrefix("e2e"),
            ["Orleans__ClusterId"] = "e2e-" + Guid.NewGuid().ToString("N")[..8],
            ["Orleans__ServiceId"] = "waapp-e2e",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["WhatsApp__AppSecrets__0"] = WebhookFixtures.AppSecret,
            ["WhatsApp__VerifyToken"] = VerifyToken,
            ["WhatsApp__AccessToken"] = "e2e-access-token",
            ["Api__Keys__0"] = ApiKey,
            // Never Meta: a test that wants sends to succeed passes the simulator's URL in extraSettings.
            [GraphApiEndpoint.SettingName] = GraphApiEndpoint.Unroutable,
            // Notice dead silos and new gateways quickly, so failover tests stay short.
            ["Orleans__Membership__ProbeTimeout"] = "00:00:02",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
            ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Orleans__Gateway__GatewayListRefreshPeriod"] = "00:00:02",
        };
        var s3 = media ? await S3Server.StartAsync() : null;
        foreach (var (key, value) in s3?.HostSettings(S3Server.UniqueBucket("e2e")) ?? [])
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var cluster = new LocalCluster(dynamo, settings) { S3 = s3 };
        try
        {
            if (coHosted)
            {
                await cluster.StartServerAsync();
                return cluster;
            }

            for (var i = 0; i < silos; i++)
            {
                cluster._silos.Add(new SiloSlot(FreePort.Next(), FreePort.Next(), FreePort.Next()));
                await cluster.StartSiloAsync(i);
            }

            await cluster.StartGatewayAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client for the gateway; with the API key unless <paramref name="authenticated"/> is false.</summary>
    public HttpClient CreateClient(bool authenticated = true)
    {
        var client = new HttpClient { BaseAddress = new Uri(GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        }

        return client;
    }

    /// <summary>POSTs a body to /webhook signed with the cluster's app secret (or the given signature).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string? signature = null, bool sign = true)
    {
        using var client = CreateClient(authenticated: false);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (sign)
        {
            content.Headers.Add("X-Hub-Signature-256", signature ?? WebhookFixtures.Sign(body));
        }

        return await client.PostAsync("/webhook", content);
    }

    public async Task StartSiloAsync(int index)
    {
        var slot = _silos[index];
        var environment = new Dictionary<string, string?>(_settings)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{slot.HttpPort}",
            ["Orleans__SiloPort"] = slot.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = slot.GatewayPort.ToString(CultureInfo.InvariantCulture),
        };
        slot.Process = HostProcess.Start($"silo-{index}", "Silo", "WaApp.Silo", environment);
        await slot.Process.WaitUntilHealthyAsync($"http://127.0.0.1:{slot.HttpPort}/health/ready", StartTimeout);

        // The setting the silo actually uses, not the one we meant to give it.
        slot.GraphApiBaseUrl = await GraphApiEndpoint.ReportedByAsync(slot.Process, TimeSpan.FromSeconds(10));
        if (!GraphApiEndpoint.IsLoopback(slot.GraphApiBaseUrl))
        {
            await KillSiloAsync(index);
            throw new InvalidOperationException($"silo-{index} would send to {slot.GraphApiBaseUrl}: a test host must never reach a non-loopback address.");
        }
    }

    /// <summary>The Graph API base URL silo <paramref name="index"/> reported at its last start.</summary>
    public Uri? GraphApiBaseUrl(int index) => _silos[index].GraphApiBaseUrl;

    /// <summary>SIGKILLs a silo, like a crashed container.</summary>
    public async Task KillSiloAsync(int index)
    {
        if (_silos[index].Process is { } process)
        {
            await process.DisposeAsync();
            _silos[index].Process = null;
        }
    }

    public async Task StartGatewayAsync()
    {
        var port = new Uri(GatewayUrl).Port;
        var environment = new Dictionary<string, string?>(_settings)
        {
            ["ASPNETCORE_URLS"] = GatewayUrl,
            ["Management__Port"] = new Uri(GatewayManagementUrl).Port.ToString(CultureInfo.InvariantCulture),
        };
        Gateway = HostProcess.Start("gateway", "WebGateway", "WaApp.WebGateway", environment);
        await Gateway.WaitUntilHealthyAsync($"http://127.0.0.1:{port}/health/ready", StartTimeout);
    }

    private async Task StartServerAsync()
    {
        var environment = new Dictionary<string, string?>(_settings)
        {
            ["ASPNETCORE_URLS"] = GatewayUrl,
            ["Management__Port"] = new Uri(GatewayManagementUrl).Port.ToString(CultureInfo.InvariantCulture),
            ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        Gateway = HostProcess.Start("server", "Server", "WaApp.Server", environment);
        await Gateway.WaitUntilHealthyAsync($"{GatewayUrl}/health/ready", StartTimeout);
        var graphApi = await GraphApiEndpoint.ReportedByAsync(Gateway, TimeSpan.FromSeconds(10));
        if (!GraphApiEndpoint.IsLoopback(graphApi))
        {
            await KillGatewayAsync();
            throw new InvalidOperationException($"the server would send to {graphApi}: a test host must never reach a non-loopback address.");
        }
    }

    public async Task KillGatewayAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
            Gateway = null;
        }
    }

    /// <summary>Everything the processes printed, for assertion messages.</summary>
    public string Diagnostics() =>
        string.Join(Environment.NewLine, _silos.Select(slot => slot.Process).Append(Gateway).OfType<HostProcess>()
            .Select(process => $"----- {process.Name}{Environment.NewLine}{process.RecentOutput}"));

    public async ValueTask DisposeAsync()
    {
        await KillGatewayAsync();
        for (var i = 0; i < _silos.Count; i++)
        {
            await KillSiloAsync(i);
        }

        await DynamoDB.DisposeAsync();
        if (S3 is not null)
        {
            await S3.DisposeAsync();
        }
    }

    private sealed class SiloSlot(int httpPort, int siloPort, int gatewayPort)
    {
        public int HttpPort { get; } = httpPort;

        public int SiloPort { get; } = siloPort;

        public int GatewayPort { get; } = gatewayPort;

        public HostProcess? Process { get; set; }

        public Uri? GraphApiBaseUrl { get; set; }
    }
}
