using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using WaApp.TestInfrastructure;
using Xunit.Abstractions;

namespace WaApp.EndToEnd;

/// <summary>
/// A time-bounded randomized mutation run against the real gateway, seeded from tests/Fixtures/webhooks: re-signed
/// mutants must get 200, 400 or 413, never a 5xx (storage stays up here, so a 503 is a body Meta would redeliver
/// for ever); mutants that keep the original signature must get 401. A few seconds in the suite; <c>scripts/fuzz.sh</c> runs it for longer
/// (WAAPP_FUZZ_SECONDS, WAAPP_FUZZ_SEED, WAAPP_FUZZ_FINDINGS).
/// </summary>
public sealed class WebhookMutationFuzzTests(SingleSiloCluster fixture, ITestOutputHelper output) : IClassFixture<SingleSiloCluster>
{
    private const int Workers = 4;
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Mutated_webhooks_get_a_clear_answer_and_never_a_server_error()
    {
        var duration = TimeSpan.FromSeconds(EnvironmentNumber("WAAPP_FUZZ_SECONDS", 5));
        var seed = EnvironmentNumber("WAAPP_FUZZ_SEED", Random.Shared.Next(1, int.MaxValue));
        var findingsFolder = Environment.GetEnvironmentVariable("WAAPP_FUZZ_FINDINGS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Path.GetTempPath(), $"waapp-fuzz-findings-{seed}");
        var seeds = WebhookFixtures.Names.Select(WebhookFixtures.Read).ToArray();
        var findings = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var sent = 0;

        using var client = _cluster.CreateClient(authenticated: false);
        var deadline = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var mutator = new WebhookMutator(seeds, seed + worker);
            var coin = new Random(seed - worker);
            while (DateTime.UtcNow < deadline)
            {
                var original = seeds[coin.Next(seeds.Length)];
                var mutant = mutator.Next();
                var resign = coin.Next(10) < 7;
                using var content = new ByteArrayContent(mutant);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                content.Headers.Add("X-Hub-Signature-256", WebhookFixtures.Sign(resign ? mutant : original));
                using var response = await client.PostAsync("/webhook", content);
                var status = response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                Interlocked.Increment(ref sent);

                if (!WebhookFuzzVerdict.IsExpected(status, resign, mutant.AsSpan().SequenceEqual(original), storageDownOnPurpose: false))
                {
                    Keep(findingsFolder, $"{(int)status}-{(resign ? "signed" : "unsigned")}", mutant, findings);
                }
            }
        })));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz: seed {seed}, {sent} mutants in {duration.TotalSeconds:F0} s; answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}x{s.Value}"))}; findings in {findingsFolder}"));
        Assert.True(findings.IsEmpty, $"seed {seed}: unexpected answers, bodies kept in {findingsFolder}:{Environment.NewLine}{string.Join(Environment.NewLine, findings.Take(20))}");
        Assert.False(_cluster.Gateway!.HasExited, _cluster.Diagnostics());

        // And the gateway still does its job.
        var webhook = UniqueWebhooks.Text("after fuzzing");
        using var valid = await _cluster.PostWebhookAsync(webhook.Body);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    private static void Keep(string folder, string kind, byte[] body, ConcurrentQueue<string> findings)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{kind}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))[..16]}.json");
        File.WriteAllBytes(path, body);
        findings.Enqueue($"{kind}: {path}");
    }

    private static int EnvironmentNumber(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
