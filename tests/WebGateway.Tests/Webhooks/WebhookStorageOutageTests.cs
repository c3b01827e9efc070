using System.Diagnostics;
using System.Net;
using WaApp.Grains.Abstractions.Events;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>
/// DynamoDB goes away while Meta posts: the gateway answers 503 within its bound (so Meta retries) and, once storage
/// is back, Meta's retry of the same body is acknowledged and the message is stored exactly once.
/// </summary>
public sealed class WebhookStorageOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(3);
    private LocalCluster _cluster = null!;
    private EventStoreProbe _store = null!;

    public async Task InitializeAsync()
    {
        _cluster = await LocalCluster.StartAsync(silos: 1, onDiskStorage: true, localDynamoDB: true, extraSettings: new Dictionary<string, string?>
        {
            ["Webhook__AcknowledgeTimeout"] = AcknowledgeTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        _store = new EventStoreProbe(_cluster);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Storage_outage_answers_503_within_the_bound_and_the_retry_stores_the_message_once()
    {
        var body = WebhookFixtures.Read("document.json");

        // Ana's conversation is active before the outage, so the new message becomes a tentative event whose write
        // keeps failing in the background (the harder case for "stored exactly once"). It is posted again until
        // acknowledged, as Meta would: a first write to a cold DynamoDB Local on a loaded machine may miss the short
        // acknowledge bound this test sets.
        Assert.True(await PostUntilAcknowledgedAsync(WebhookFixtures.Read("text.json")) == HttpStatusCode.OK, _cluster.Diagnostics());

        await _cluster.DynamoDB.StopAsync();
        var clock = Stopwatch.StartNew();
        using (var during = await _cluster.PostWebhookAsync(body))
        {
            clock.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        }

        // Bounded: the configured timeout plus generous slack for a loaded machine, never a hang.
        Assert.True(clock.Elapsed < AcknowledgeTimeout + TimeSpan.FromSeconds(10), $"503 took {clock.Elapsed}");

        await _cluster.DynamoDB.StartAsync();
        var status = await PostUntilAcknowledgedAsync(body);
        Assert.True(status == HttpStatusCode.OK, _cluster.Diagnostics());
        var events = await _store.ConversationEventsAsync("117283940561728", "14155550123");
        Assert.Single(events.OfType<MessageReceived>(), e => e.Message.MessageId == "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTdDNEY3MUNCQjUxRDVGODE4OQA=");
    }

    /// <summary>Posts <paramref name="body"/> as Meta retries it (about once a second, bounded) until a 200.</summary>
    private async Task<HttpStatusCode> PostUntilAcknowledgedAsync(byte[] body)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        HttpStatusCode status;
        do
        {
            using var response = await _cluster.PostWebhookAsync(body);
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        return status;
    }
}
