using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;

namespace WaApp.WebGateway.Tests.Tenants;

/// <summary>
/// <c>template.status</c>: the Cloud API simulator (a process) reviews templates of a tenant's business account and
/// says so by signed webhook, as Meta does; the tenant's subscription receives each review once, signed, in the
/// account's order, and a replay (from a template cursor or a time) delivers them again from the account's log. Another tenant's subscription hears
/// nothing of them. The silo's <c>/metrics</c> counts the deliveries.
/// </summary>
[Collection(TenantClusterCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Serial)]
public sealed class TemplateSubscriptionTests(TenantClusterFixture fixture) : IAsyncLifetime
{
    private const string AccessToken = "EAAG-simulator-token-tpl";
    private readonly string _simulatorUrl = $"http://127.0.0.1:{FreePort.Next()}";
    private readonly HttpClient _simulator = new() { Timeout = TimeSpan.FromSeconds(30) };
    private HostProcess? _simulatorProcess;

    public async Task InitializeAsync()
    {
        _simulator.BaseAddress = new Uri(_simulatorUrl);
        _simulatorProcess = HostProcess.Start("simulator", "tools/CloudApiSimulator", "WaApp.CloudApiSimulator", new Dictionary<string, string?>
        {
            ["Simulator__ListenUrl"] = _simulatorUrl,
            ["Simulator__WebhookUrl"] = fixture.Cluster.GatewayUrl + "/webhook",
            ["Simulator__AppSecret"] = WebhookFixtures.AppSecret,
            ["Simulator__AccessToken"] = AccessToken,
            ["Simulator__TemplateReviewDelay"] = "00:00:00.200",
        });
        await _simulatorProcess.WaitUntilHealthyAsync(_simulatorUrl + "/health/live", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_template_review_reaches_its_tenants_subscription_once_signed_in_order_and_replayable()
    {
        var owner = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        var businessAccountId = "waba" + owner.PhoneNumberId;
        await using var receiver = await SubscriptionReceiver.StartAsync();
        await using var otherReceiver = await SubscriptionReceiver.StartAsync();
        receiver.FailFirst = 1;
        using var admin = fixture.Client(owner.Key);
        using var otherAdmin = fixture.Client(other.Key);
        var (id, secret) = await SubscribeAsync(admin, receiver.Url, "template.status");
        await SubscribeAsync(otherAdmin, otherReceiver.Url, "template.status", "message.received");

        // Created in Meta's WhatsApp Manager (the Graph API), then reviewed by Meta: one passes, one ends in a variable.
        var approvedName = "order_update_" + Guid.NewGuid().ToString("N")[..8];
        var rejectedName = "order_note_" + Guid.NewGuid().ToString("N")[..8];
        var approvedId = await CreateTemplateAsync(businessAccountId, approvedName, "Your order {{1}} is on its way.");
        await UntilAcknowledgedAsync(receiver, 1);
        await CreateTemplateAsync(businessAccountId, rejectedName, "Your order is {{1}}");
        await UntilAcknowledgedAsync(receiver, 2);

        // Meta delivers the approval webhook once more (byte for byte): the account's log keeps it once.
        using (var redelivered = await _simulator.PostAsJsonAsync("/simulator/webhooks/redeliver", new { subjectId = approvedId }))
        {
            redelivered.EnsureSuccessStatusCode();
            Assert.Equal(200, (await redelivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhookStatus").GetInt32());
        }

        // Then Meta pauses the approved one. Deliveries keep the log's order, so once the pause arrived, a repeat of the
        // approval (had it been stored twice) would have arrived before it.
        using (var paused = await _simulator.PostAsJsonAsync("/simulator/templates/status", new { wabaId = businessAccountId, name = approvedName, language = "en_US", status = "PAUSED" }))
        {
            paused.EnsureSuccessStatusCode();
        }

        await UntilAcknowledgedAsync(receiver, 3);
        var delivered = receiver.Acknowledged.DistinctBy(received => received.Id).ToList();
        Assert.Equal(3, delivered.Count);
        Assert.All(receiver.Attempts, attempt => Assert.True(SubscriptionReceiver.Verifies(secret, attempt.Signature, attempt.Body), "the signature verifies"));
        var (approved, rejected, pause) = (delivered[0].Json, delivered[1].Json, delivered[2].Json);
        foreach (var json in new[] { approved, rejected, pause })
        {
            Assert.Equal("template.status", json.GetProperty("type").GetString());
            Assert.Equal(owner.TenantId, json.GetProperty("tenantId").GetString());
            Assert.Equal(JsonValueKind.Null, json.GetProperty("phoneNumberId").ValueKind);
            Assert.Equal(JsonValueKind.Null, json.GetProperty("contactId").ValueKind);
            Assert.Equal(businessAccountId, json.GetProperty("data").GetProperty("businessAccountId").GetString());
            Assert.Equal("message_template_status_update", json.GetProperty("data").GetProperty("field").GetString());
        }

        Assert.Equal((approvedName, "APPROVED", approvedId), Facts(approved));
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("data").GetProperty("reason").ValueKind);
        Assert.Equal((rejectedName, "REJECTED"), (Facts(rejected).Name, Facts(rejected).Status));
        Assert.Equal("INVALID_FORMAT", rejected.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal((approvedName, "PAUSED", approvedId), Facts(pause));
        var versions = delivered.Select(received => received.Version).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        var approvals = receiver.Acknowledged.Where(received => Facts(received.Json).Status == "APPROVED").Select(received => received.Id).Distinct();
        Assert.Single(approvals);

        // Replay from a template cursor: exactly the events after it, with the delivery ids they had.
        var seen = receiver.Attempts.Count;
        using (var replayed = await admin.PostAsync($"/api/v1/subscriptions/{id}/replay", ApiJson.Content(JsonSerializer.Serialize(new { from = $"{businessAccountId}:templates@{versions[0]}" }))))
        {
            Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
        }

        await TenantClusterFixture.UntilAsync(() => Task.FromResult(receiver.Attempts.Skip(seen).Count(attempt => attempt.Acknowledged) >= 2), seconds: 60);
        var again = receiver.Attempts.Skip(seen).Where(attempt => attempt.Acknowledged).Take(2).Select(received => received.Id);
        Assert.Equal(delivered.Skip(1).Select(received => received.Id), again);

        // Replay from a time: the account's template events committed since then, again with their delivery ids.
        seen = receiver.Attempts.Count;
        var since = approved.GetProperty("createdAt").GetString();
        using (var replayed = await admin.PostAsync($"/api/v1/subscriptions/{id}/replay", ApiJson.Content(JsonSerializer.Serialize(new { from = since }))))
        {
            Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
        }

        HashSet<string> all = [.. delivered.Select(received => received.Id)];
        await TenantClusterFixture.UntilAsync(() => Task.FromResult(all.IsSubsetOf(receiver.Attempts.Skip(seen).Where(attempt => attempt.Acknowledged).Select(attempt => attempt.Id))), seconds: 60);

        // A cursor into the account's log is the owner's only: another tenant's admin gets 404, as for any unknown cursor.
        using (var foreign = await otherAdmin.PostAsync($"/api/v1/subscriptions/{(await FirstSubscriptionAsync(otherAdmin))}/replay", ApiJson.Content(JsonSerializer.Serialize(new { from = $"{businessAccountId}:templates@0" }))))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        // The other tenant's subscription works (its own message arrives) and heard nothing of the owner's templates.
        using (var posted = await fixture.Cluster.PostWebhookAsync(TextWebhooks.Build(other.PhoneNumberId, [new(TextWebhooks.NewWaId(), "wamid.tplsub." + Guid.NewGuid().ToString("N"), "hello", DateTimeOffset.UtcNow)])))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        await UntilAcknowledgedAsync(otherReceiver, 1);
        Assert.DoesNotContain(otherReceiver.Attempts, attempt => attempt.Type == "template.status");

        // The silo counts the attempts by outcome and status class, per tenant and event type (the first one failed).
        var metrics = await EventuallyMetricsAsync(owner.TenantId);
        Assert.True(Sample(metrics, "waapp_subscriptions_delivery_attempts_total", owner.TenantId, "outcome=\"succeeded\"", "status_class=\"2xx\"") >= 8, metrics);
        Assert.True(Sample(metrics, "waapp_subscriptions_delivery_attempts_total", owner.TenantId, "outcome=\"failed\"", "status_class=\"5xx\"") >= 1, metrics);
        Assert.True(Sample(metrics, "waapp_subscriptions_delivery_lag_seconds_count", owner.TenantId) >= 8, metrics);
        Assert.True(Sample(metrics, "waapp_subscriptions_delivery_duration_seconds_count", owner.TenantId) >= 9, metrics);
    }

    private async Task<string> CreateTemplateAsync(string businessAccountId, string name, string body)
    {
        // Meta's creation body ("Create and manage templates"): name, language, category and components.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v23.0/{businessAccountId}/message_templates")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["name"] = name,
                ["language"] = "en_US",
                ["category"] = "UTILITY",
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = "BODY",
                    ["text"] = body,
                    ["example"] = new JsonObject { ["body_text"] = new JsonArray(new JsonArray("#1234")) },
                }),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var response = await _simulator.SendAsync(request);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, created.ToString());
        return created.GetProperty("id").GetString()!;
    }

    private static (string Name, string Status, string TemplateId) Facts(JsonElement json)
    {
        var data = json.GetProperty("data");
        return (data.GetProperty("name").GetString()!, data.GetProperty("status").GetString()!, data.GetProperty("templateId").GetString()!);
    }

    private static Task UntilAcknowledgedAsync(SubscriptionReceiver receiver, int distinct) =>
        TenantClusterFixture.UntilAsync(() => Task.FromResult(receiver.Acknowledged.Select(received => received.Id).Distinct().Count() >= distinct), seconds: 90);

    private static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient admin, string url, params string[] events)
    {
        var created = await ApiJson.ReadAsync(
            await admin.PostAsync("/api/v1/subscriptions", ApiJson.Content(JsonSerializer.Serialize(new { url, events }))), HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private static async Task<string> FirstSubscriptionAsync(HttpClient admin) =>
        (await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/subscriptions"), HttpStatusCode.OK)).GetProperty("subscriptions")[0].GetProperty("id").GetString()!;

    private async Task<string> EventuallyMetricsAsync(string tenantId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Cluster.SiloUrl(0)) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var exposition = string.Empty;
        await TenantClusterFixture.UntilAsync(async () =>
        {
            exposition = await http.GetStringAsync("/metrics");
            return Sample(exposition, "waapp_subscriptions_delivery_lag_seconds_count", tenantId) >= 8;
        }, seconds: 60);
        return exposition;
    }

    /// <summary>The sum of the samples of <paramref name="name"/> for <paramref name="tenantId"/>'s <c>template.status</c> events with every label given.</summary>
    private static double Sample(string exposition, string name, string tenantId, params string[] labels) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal)
                && line.Contains($"tenant_id=\"{tenantId}\"", StringComparison.Ordinal)
                && line.Contains("event_type=\"template.status\"", StringComparison.Ordinal)
                && labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    public async Task DisposeAsync()
    {
        if (_simulatorProcess is not null)
        {
            await _simulatorProcess.DisposeAsync();
        }

        _simulator.Dispose();
    }
}
