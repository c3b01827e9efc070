using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using WaApp.CloudApiSimulator;
using WaApp.DynamoDB.Hosting;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Hosting;
using WaApp.TestInfrastructure;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>
/// A one-silo TestCluster on dynalite whose senders call the Cloud API simulator on real Kestrel (in-process).
/// The simulator enforces the 24-hour window and a limit of <see cref="SimulatorRateLimit"/> per second; senders
/// run at <see cref="SenderRate"/> per second, or <see cref="SlowRate"/> for numbers made with <see cref="NewSlowNumber"/>.
/// </summary>
public sealed class SendingClusterFixture : IAsyncLifetime
{
    public const int SenderRate = 100;
    public const int SimulatorRateLimit = 120;
    public const int SlowRate = 10;
    public const int LiveQueueCapacity = 20;

    /// <summary>Numbers that get <see cref="SlowRate"/> (sender settings are read once, at start-up).</summary>
    private static readonly string[] SlowNumbers = [.. Enumerable.Range(0, 8).Select(i => $"90000000000000{i}")];

    private int _slowNumbersUsed;
    private DynamoDBServer? _dynamo;
    private WebApplication? _simulator;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public HttpClient Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _dynamo = await DynamoDBServer.StartAsync();
        _simulator = SimulatorApp.Build(
        [
            "--Simulator:ListenUrl=http://127.0.0.1:0",
            $"--Simulator:RateLimitPerSecond={SimulatorRateLimit}",
            "--Simulator:FaultTimeout=00:00:04",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _simulator.StartAsync();
        var simulatorUrl = new Uri(_simulator.Urls.First());
        Simulator = new HttpClient { BaseAddress = simulatorUrl };

        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties["DynamoDB:Service"] = _dynamo.ServiceUrl;
        builder.Properties["DynamoDB:TablePrefix"] = DynamoDBServer.UniqueTablePrefix("sending");
        builder.Properties["WhatsApp:GraphApiBaseUrl"] = simulatorUrl.ToString();
        builder.Properties["WhatsApp:ApiVersion"] = "v24.0";
        builder.Properties["WhatsApp:AccessToken"] = "grain-tests-token";
        // A held response (TimeoutAfterAccept) becomes an unknown outcome after 2 s rather than 15.
        builder.Properties["WhatsApp:GraphApi:RequestTimeout"] = "00:00:02";
        builder.Properties["WhatsApp:GraphApi:ConnectTimeout"] = "00:00:01";
        builder.Properties["Sender:MessagesPerSecond"] = SenderRate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Sender:LiveQueueCapacity"] = LiveQueueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Sender:BulkQueueCapacity"] = "1000";
        foreach (var number in SlowNumbers)
        {
            builder.Properties[$"Sender:Numbers:{number}"] = SlowRate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.AddSiloBuilderConfigurator<SendingSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A business number no other test uses, at <see cref="SenderRate"/>.</summary>
    public static string NewNumber() => "1" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999) + "0000";

    /// <summary>A business number no other test uses, at <see cref="SlowRate"/>.</summary>
    public string NewSlowNumber() => SlowNumbers[Interlocked.Increment(ref _slowNumbersUsed) - 1];

    /// <summary>A customer's wa_id.</summary>
    public static string NewCustomer() => "44" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999);

    /// <summary>Opens the 24-hour window for (<paramref name="phoneNumberId"/>, <paramref name="customer"/>) as a user message would.</summary>
    public async Task OpenWindowAsync(string phoneNumberId, string customer)
    {
        using var response = await Simulator.PostAsJsonAsync("/simulator/inbound", new { phoneNumberId, from = customer, text = "hi" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Polls until the sender of <paramref name="phoneNumberId"/> has nothing queued and no request in flight, so a
    /// "sent only once" check cannot pass just because a second send had not happened yet.
    /// </summary>
    public async Task WaitUntilSenderIdleAsync(string phoneNumberId)
    {
        var sender = Grains.GetGrain<ISenderGrain>(phoneNumberId);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        SenderQueueState state;
        while (!(state = await sender.GetQueueStateAsync()).IsIdle)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The sender of {phoneNumberId} was still busy: {state}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls until the simulator holds <paramref name="count"/> requests from <paramref name="phoneNumberId"/>, then waits for the sender to be idle.</summary>
    public async Task<IReadOnlyList<SimulatedRequest>> RequestsAsync(string phoneNumberId, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await RequestsAsync(phoneNumberId)).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {count} sends.");
            await Task.Delay(50);
        }

        await WaitUntilSenderIdleAsync(phoneNumberId);
        return await RequestsAsync(phoneNumberId);
    }

    /// <summary>The customer writes through the simulator (number and BSUID), so the business may reply freely.</summary>
    public async Task OpenWindowAsync(string phoneNumberId, string customer, string bsuid)
    {
        using var response = await Simulator.PostAsJsonAsync("/simulator/inbound", new { phoneNumberId, from = customer, userId = bsuid, text = "hi" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A new number that welcomes new customers, and a customer (number and BSUID) who has written to it through the
    /// simulator, so the business may reply freely.
    /// </summary>
    public async Task<(string Number, string Customer, string Bsuid)> WelcomingNumberAsync()
    {
        var number = NewNumber();
        var customer = NewCustomer();
        var bsuid = IdentityTestData.NewBsuid();
        await OpenWindowAsync(number, customer, bsuid);
        Assert.Empty(await Grains.GetGrain<IBusinessGrain>(number).UpdateSettingsAsync(new BusinessSettings { WelcomeMessage = "Welcome to Acme!" }));
        return (number, customer, bsuid);
    }

    public async Task AddFaultAsync(string kind, int count)
    {
        using var response = await Simulator.PostAsJsonAsync("/simulator/faults", new { kind, count });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>What the simulator received from <paramref name="phoneNumberId"/>, in arrival order.</summary>
    public async Task<IReadOnlyList<SimulatedRequest>> RequestsAsync(string phoneNumberId)
    {
        var requests = await Simulator.GetFromJsonAsync<JsonArray>($"/simulator/requests?phoneNumberId={phoneNumberId}");
        return [.. requests!.Select(node => new SimulatedRequest(
            (DateTimeOffset)node!["receivedAt"]!,
            (DateTimeOffset?)node["acceptedAt"],
            (int?)node["errorCode"],
            (string?)node["messageId"],
            JsonNode.Parse((string)node["body"]!)!))];
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, for at most 20 seconds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Changes the silo's access token at run time, as a configuration reload would.</summary>
    public void SetAccessToken(string token)
    {
        var configuration = (IConfigurationRoot)((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<IConfiguration>();
        configuration["WhatsApp:AccessToken"] = token;
        configuration.Reload();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Simulator?.Dispose();
        if (_simulator is not null)
        {
            // Stopping cancels the statuses it is still playing, which would otherwise post to a later test on this port.
            await _simulator.StopAsync();
            await _simulator.DisposeAsync();
        }

        if (_dynamo is not null)
        {
            await _dynamo.DisposeAsync();
        }
    }

    private sealed class SendingSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var settings = new DynamoDBSettings
            {
                Service = siloBuilder.Configuration["DynamoDB:Service"]!,
                TablePrefix = siloBuilder.Configuration["DynamoDB:TablePrefix"]!,
            };
            siloBuilder.AddDynamoDBGrainStorageAsDefault(options => settings.Configure(options));
            siloBuilder.AddDynamoDBEventStore(options => settings.Configure(options));
            siloBuilder.AddWaAppGrains();
            siloBuilder.AddWaAppSending(siloBuilder.Configuration);
            siloBuilder.AddOutgoingGrainCallFilter(CallGate.FilterAsync);
        }
    }
}

/// <summary>One request as the simulator journaled it.</summary>
/// <param name="AcceptedAt">When it took a throughput slot (null when refused before that).</param>
/// <param name="ErrorCode">Meta's error code when refused.</param>
public sealed record SimulatedRequest(DateTimeOffset ReceivedAt, DateTimeOffset? AcceptedAt, int? ErrorCode, string? MessageId, JsonNode Body)
{
    public string To => (string)Body["to"]!;

    public string? CallbackData => (string?)Body["biz_opaque_callback_data"];
}

[CollectionDefinition(Name)]
public sealed class SendingClusterCollection : ICollectionFixture<SendingClusterFixture>
{
    public const string Name = "sending cluster";
}
