using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using WaApp.TestInfrastructure;
using Xunit.Abstractions;

namespace WaApp.EndToEnd;

/// <summary>
/// Three silo processes and a gateway under steady webhook load while things break: a silo is SIGKILLed and
/// restarted, the gateway is SIGKILLed and restarted, dynalite (on disk) stops for 10 s. Senders behave like Meta:
/// anything but a 2xx is delivered again later. Afterwards every message is stored exactly once in its conversation,
/// nothing ever got a 500 (only 503s while storage or the cluster was away), and the cluster is healthy within 60 s.
/// One round in the suite (about a minute); <c>scripts/chaos.sh</c> runs more rounds (WAAPP_CHAOS_ROUNDS).
/// Runs alone: its timeouts assume the two cores are not also starting other clusters.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Senders = 6;
    private const int Contacts = 30;
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StorageOutage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Killed_silo_killed_gateway_and_a_storage_outage_lose_nothing_and_store_nothing_twice()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("WAAPP_CHAOS_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 1;
        await using var cluster = await LocalCluster.StartAsync(silos: 3, onDiskStorage: true,
            extraSettings: new Dictionary<string, string?> { ["Webhook__AcknowledgeTimeout"] = "00:00:05" });
        var load = new WebhookLoad(cluster);
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, Senders).Select(i => Task.Run(() => load.SendAsync(i, stop.Token))).ToArray();
        var clock = Stopwatch.StartNew();

        for (var round = 1; round <= rounds; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            var victim = round % 3;
            Note(clock, $"round {round}: SIGKILL silo {victim}");
            await cluster.KillSiloAsync(victim);
            await Task.Delay(TimeSpan.FromSeconds(6));
            Note(clock, $"round {round}: restart silo {victim}");
            await cluster.StartSiloAsync(victim);

            await Task.Delay(TimeSpan.FromSeconds(3));
            Note(clock, $"round {round}: SIGKILL the gateway, then restart it");
            await cluster.KillGatewayAsync();
            await cluster.StartGatewayAsync();

            await Task.Delay(TimeSpan.FromSeconds(3));
            Note(clock, $"round {round}: stop dynalite for {StorageOutage.TotalSeconds:F0} s");
            await cluster.DynamoDB.StopAsync();
            await Task.Delay(StorageOutage);
            await cluster.DynamoDB.StartAsync();
            Note(clock, $"round {round}: dynalite back");
        }

        // Healthy again: the gateway is ready and a new webhook is stored, within the recovery limit.
        var recovery = Stopwatch.StartNew();
        while (true)
        {
            var probe = UniqueWebhooks.Text("are we back?");
            if (await load.TryPostAsync(probe.Body) == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(recovery.Elapsed < RecoveryLimit, $"not healthy {RecoveryLimit.TotalSeconds} s after the last fault{Environment.NewLine}{cluster.Diagnostics()}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        var recoveredAfter = recovery.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        // Like Meta, deliver everything that was not acknowledged again until it is (bounded).
        var drain = Stopwatch.StartNew();
        while (load.Unacknowledged.TryDequeue(out var pending))
        {
            Assert.True(drain.Elapsed < RecoveryLimit, $"redeliveries still failing after {RecoveryLimit.TotalSeconds} s{Environment.NewLine}{cluster.Diagnostics()}");
            if (await load.TryPostAsync(pending.Body) == HttpStatusCode.OK)
            {
                load.Acknowledged[pending.MessageId] = pending.ContactId;
            }
            else
            {
                load.Unacknowledged.Enqueue(pending);
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }

        var stored = await StoredMessages.ReadAsync(cluster);
        var missing = load.Acknowledged.Keys.Where(id => !stored.ContainsKey(id)).ToList();
        var twice = load.Acknowledged.Keys.Where(id => stored.TryGetValue(id, out var s) && s.Count > 1).ToList();
        var misplaced = load.Acknowledged.Where(pair => stored.TryGetValue(pair.Key, out var s) && s.StreamId != $"conversation/{UniqueWebhooks.PhoneNumberId}:{pair.Value}").ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chaos: {rounds} round(s) in {clock.Elapsed.TotalSeconds:F0} s; {load.Generated} messages, {load.Acknowledged.Count} acknowledged; answers {load.Describe()}; healthy {recoveredAfter.TotalSeconds:F1} s after the last fault; missing {missing.Count}, stored twice {twice.Count}, wrong conversation {misplaced.Count}"));

        Assert.Equal(0, load.ServerErrors);
        Assert.Equal(load.Generated, load.Acknowledged.Count);
        Assert.Empty(missing);
        Assert.Empty(twice);
        Assert.Empty(misplaced);
    }

    private void Note(Stopwatch clock, string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    /// <summary>Senders that keep posting new messages for a small set of customers and re-send whatever failed.</summary>
    private sealed class WebhookLoad(LocalCluster cluster)
    {
        private readonly ConcurrentDictionary<string, int> _answers = new();
        private int _generated;
        private int _serverErrors;

        public ConcurrentDictionary<string, string> Acknowledged { get; } = new();

        public ConcurrentQueue<(byte[] Body, string ContactId, string MessageId)> Unacknowledged { get; } = new();

        public int Generated => _generated;

        public int ServerErrors => _serverErrors;

        public string Describe() => string.Join(", ", _answers.OrderBy(a => a.Key).Select(a => $"{a.Key} x{a.Value}"));

        public async Task SendAsync(int sender, CancellationToken stop)
        {
            var random = new Random(sender);
            while (!stop.IsCancellationRequested)
            {
                // Retries first, as Meta does, then a new message.
                var webhook = Unacknowledged.TryDequeue(out var retry) ? retry : New(random);
                if (await TryPostAsync(webhook.Body) == HttpStatusCode.OK)
                {
                    Acknowledged[webhook.MessageId] = webhook.ContactId;
                }
                else
                {
                    Unacknowledged.Enqueue(webhook);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                }
            }
        }

        public async Task<HttpStatusCode?> TryPostAsync(byte[] body)
        {
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri(cluster.GatewayUrl), Timeout = TimeSpan.FromSeconds(20) };
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                content.Headers.Add("X-Hub-Signature-256", WebhookFixtures.Sign(body));
                using var response = await client.PostAsync("/webhook", content);
                var status = response.StatusCode;
                _answers.AddOrUpdate(((int)status).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                if ((int)status >= 500 && status != HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref _serverErrors);
                }

                return status;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                _answers.AddOrUpdate("no answer", 1, (_, n) => n + 1);
                return null;
            }
        }

        private (byte[] Body, string ContactId, string MessageId) New(Random random)
        {
            Interlocked.Increment(ref _generated);
            var contact = (18_770_000_000L + random.Next(Contacts)).ToString(CultureInfo.InvariantCulture);
            return UniqueWebhooks.Text("chaos", contact);
        }
    }
}
