using System.Net;
using System.Text.Json;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;

namespace WaApp.WebGateway.Tests.Tenants;

[Collection(TenantClusterCollection.Name)]
public sealed class SubscriptionTests(TenantClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_receiver_that_fails_three_times_gets_every_event_signed_and_in_order_per_conversation()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var receiver = await SubscriptionReceiver.StartAsync();
        receiver.FailFirst = 3;
        using var admin = fixture.Client(tenant.Key);
        var (id, secret) = await SubscribeAsync(admin, receiver.Url, "message.received");

        var customers = new[] { TextWebhooks.NewWaId(), TextWebhooks.NewWaId() };
        const int PerCustomer = 3;
        for (var i = 1; i <= PerCustomer; i++)
        {
            foreach (var waId in customers)
            {
                var body = TextWebhooks.Build(tenant.PhoneNumberId, [new(waId, $"wamid.{waId}.{i}", $"message {i}", DateTimeOffset.UtcNow)]);
                using var posted = await _cluster.PostWebhookAsync(body);
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
        }

        await TenantClusterFixture.UntilAsync(() => Task.FromResult(receiver.Acknowledged.Select(received => received.Id).Distinct().Count() >= customers.Length * PerCustomer), seconds: 90);

        Assert.True(receiver.Attempts.Count(attempt => !attempt.Acknowledged) >= 3);
        Assert.All(receiver.Attempts, attempt => Assert.True(SubscriptionReceiver.Verifies(secret, attempt.Signature, attempt.Body), "the signature verifies"));
        foreach (var waId in customers)
        {
            var acknowledged = receiver.Acknowledged.Where(received => received.ContactId == waId).ToList();
            // In the conversation's order, and nothing missing (a duplicate would carry the same delivery id).
            Assert.Equal(acknowledged.Select(received => received.Version).Order(), acknowledged.Select(received => received.Version));
            var delivered = acknowledged.DistinctBy(received => received.Id).ToList();
            Assert.Equal(PerCustomer, delivered.Count);
            Assert.All(delivered, received =>
            {
                Assert.Equal("message.received", received.Type);
                Assert.Equal(tenant.TenantId, received.Json.GetProperty("tenantId").GetString());
                Assert.Equal(tenant.PhoneNumberId, received.Json.GetProperty("phoneNumberId").GetString());
            });
            var texts = delivered.Select(received => received.Json.GetProperty("data").GetRawText()).ToList();
            for (var i = 1; i <= PerCustomer; i++)
            {
                Assert.Contains($"message {i}", texts[i - 1], StringComparison.Ordinal);
            }
        }

        // The first event's retries carried one delivery id; the attempts are listed with their status codes.
        var failedIds = receiver.Attempts.Where(attempt => !attempt.Acknowledged).Select(attempt => attempt.Id).Distinct().ToList();
        Assert.Contains(failedIds[0], receiver.Acknowledged.Select(received => received.Id));
        var deliveries = await ApiJson.ReadAsync(await admin.GetAsync($"/api/v1/subscriptions/{id}/deliveries"), HttpStatusCode.OK);
        var codes = deliveries.GetProperty("deliveries").EnumerateArray().Select(attempt => attempt.GetProperty("statusCode").GetInt32()).ToList();
        Assert.Contains(500, codes);
        Assert.Contains(200, codes);
    }

    [Fact]
    public async Task Replay_from_a_cursor_delivers_again_exactly_the_events_after_it()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var receiver = await SubscriptionReceiver.StartAsync();
        using var admin = fixture.Client(tenant.Key);
        var (id, _) = await SubscribeAsync(admin, receiver.Url, "message.received");
        var waId = TextWebhooks.NewWaId();
        for (var i = 1; i <= 4; i++)
        {
            using var posted = await _cluster.PostWebhookAsync(TextWebhooks.Build(tenant.PhoneNumberId, [new(waId, $"wamid.{waId}.{i}", $"message {i}", DateTimeOffset.UtcNow)]));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        await TenantClusterFixture.UntilAsync(() => Task.FromResult(receiver.Acknowledged.Count >= 4), seconds: 90);
        var first = receiver.Acknowledged.Take(4).ToList();
        var cursor = $"{tenant.PhoneNumberId}:{waId}@{first[1].Version}";
        using var replayed = await admin.PostAsync($"/api/v1/subscriptions/{id}/replay", ApiJson.Content(JsonSerializer.Serialize(new { from = cursor })));
        Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);

        await TenantClusterFixture.UntilAsync(() => Task.FromResult(receiver.Acknowledged.Count >= 6), seconds: 60);
        var again = receiver.Acknowledged.Skip(4).ToList();
        Assert.Equal(first.Skip(2).Select(received => received.Id), again.Select(received => received.Id));
        Assert.Equal(first.Skip(2).Select(received => received.Json.GetProperty("data").GetRawText()), again.Select(received => received.Json.GetProperty("data").GetRawText()));
    }

    [Fact]
    public async Task Replay_from_a_time_delivers_again_the_events_committed_since_it_in_every_conversation()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var receiver = await SubscriptionReceiver.StartAsync();
        using var admin = fixture.Client(tenant.Key);
        var (id, _) = await SubscribeAsync(admin, receiver.Url, "message.received");
        var (first, second) = (TextWebhooks.NewWaId(), TextWebhooks.NewWaId());
        await PostTextAsync(tenant.PhoneNumberId, first, 1);
        await TenantClusterFixture.UntilAsync(() => Task.FromResult(receiver.Acknowledged.Count >= 1), seconds: 60);
        await PostTextAsync(tenant.PhoneNumberId, second, 1);
        await PostTextAsync(tenant.PhoneNumberId, first, 2);
        await TenantClusterFixture.UntilAsync(() => Task.FromResult(receiver.Acknowledged.Select(received => received.Id).Distinct().Count() >= 3), seconds: 60);
        // At least once: a delivery may come twice (same id), so the test reasons about distinct ids.
        var firstOne = receiver.Acknowledged.First(received => received.ContactId == first);
        var secondOne = receiver.Acknowledged.First(received => received.ContactId == second);
        var firstTwo = receiver.Acknowledged.First(received => received.ContactId == first && received.Id != firstOne.Id);

        // From the commit time of the second customer's message (committed after the first message, before the
        // third): it and everything after it, in both conversations, and not the first message.
        var from = secondOne.Json.GetProperty("createdAt").GetString();
        var seen = receiver.Attempts.Count;
        using var replayed = await admin.PostAsync($"/api/v1/subscriptions/{id}/replay", ApiJson.Content(JsonSerializer.Serialize(new { from })));
        Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
        HashSet<string> expected = [secondOne.Id, firstTwo.Id];
        await TenantClusterFixture.UntilAsync(() => Task.FromResult(expected.IsSubsetOf(receiver.Attempts.Skip(seen).Where(attempt => attempt.Acknowledged).Select(attempt => attempt.Id))), seconds: 60);
        Assert.True(!receiver.Attempts.Skip(seen).Any(attempt => attempt.Id == firstOne.Id), $"from {from}: " + string.Join("; ", receiver.Attempts.Select(a => $"{a.ContactId}@{a.Version} {a.Json.GetProperty("createdAt")} {a.Id}")));
    }

    [Fact]
    public async Task A_subscription_whose_receiver_stays_down_pauses_and_resumes_where_it_stopped()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var receiver = await SubscriptionReceiver.StartAsync();
        receiver.Failing = true;
        using var admin = fixture.Client(tenant.Key);
        var (id, _) = await SubscribeAsync(admin, receiver.Url, "message.received");
        var waId = TextWebhooks.NewWaId();
        await PostTextAsync(tenant.PhoneNumberId, waId, 1);

        await TenantClusterFixture.UntilAsync(
            async () => (await ApiJson.ReadAsync(await admin.GetAsync($"/api/v1/subscriptions/{id}"), HttpStatusCode.OK)).GetProperty("state").GetString() == "paused", seconds: 90);
        var paused = await ApiJson.ReadAsync(await admin.GetAsync($"/api/v1/subscriptions/{id}"), HttpStatusCode.OK);
        Assert.Contains("HTTP 500", paused.GetProperty("pausedReason").GetString(), StringComparison.Ordinal);

        // While paused nothing is delivered, and events keep arriving in the log.
        receiver.Failing = false;
        await PostTextAsync(tenant.PhoneNumberId, waId, 2);
        var attemptsWhilePaused = receiver.Attempts.Count;

        using var resumed = await admin.PostAsync($"/api/v1/subscriptions/{id}/resume", null);
        var view = await ApiJson.ReadAsync(resumed, HttpStatusCode.OK);
        Assert.Equal("active", view.GetProperty("state").GetString());
        await TenantClusterFixture.UntilAsync(() => Task.FromResult(receiver.Acknowledged.Count >= 2), seconds: 60);
        var delivered = receiver.Acknowledged;
        Assert.Equal(2, delivered.Count);
        Assert.Contains("message 1", delivered[0].Json.GetProperty("data").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("message 2", delivered[1].Json.GetProperty("data").GetRawText(), StringComparison.Ordinal);
        Assert.True(attemptsWhilePaused >= 2);
    }

    [Theory]
    [InlineData("""{ "url": "ftp://example.com/hook", "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "http://169.254.169.254/latest/meta-data", "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "http://[fd00:ec2::254]/", "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "https://user:secret@example.com/hook", "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "http://10.1.2.3/hook", "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "http://127.0.0.1:9/hook", "events": ["message.nope"] }""", "events")]
    [InlineData("""{ "url": "http://127.0.0.1:9/hook", "events": [] }""", "events")]
    [InlineData("""{ "url": "http://127.0.0.1:9/hook", "events": ["message.sent"], "secret": "short" }""", "secret")]
    public async Task Bad_subscription_input_is_a_400_naming_the_field_and_creates_nothing(string body, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        using var admin = fixture.Client(tenant.Key);
        using var response = await admin.PostAsync("/api/v1/subscriptions", ApiJson.Content(body));
        var problem = await ApiJson.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, ApiJson.ErrorFields(problem));
        var list = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/subscriptions"), HttpStatusCode.OK);
        Assert.Empty(list.GetProperty("subscriptions").EnumerateArray());
    }

    [Fact]
    public async Task Another_tenants_key_gets_404_on_every_subscription_endpoint()
    {
        var owner = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        using var ownerClient = fixture.Client(owner.Key);
        var (id, _) = await SubscribeAsync(ownerClient, "http://127.0.0.1:9/hook", "message.received");
        using var otherClient = fixture.Client(other.Key);

        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Get, $"/api/v1/subscriptions/{id}", null),
            (HttpMethod.Get, $"/api/v1/subscriptions/{id}/deliveries", null),
            (HttpMethod.Post, $"/api/v1/subscriptions/{id}/resume", null),
            (HttpMethod.Post, $"/api/v1/subscriptions/{id}/replay", """{ "from": "2026-01-01T00:00:00Z" }"""),
            (HttpMethod.Delete, $"/api/v1/subscriptions/{id}", null),
        };
        foreach (var (method, path, body) in requests)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : ApiJson.Content(body) };
            using var response = await otherClient.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        var list = await ApiJson.ReadAsync(await otherClient.GetAsync("/api/v1/subscriptions"), HttpStatusCode.OK);
        Assert.Empty(list.GetProperty("subscriptions").EnumerateArray());
        await ApiJson.ReadAsync(await ownerClient.GetAsync($"/api/v1/subscriptions/{id}"), HttpStatusCode.OK);
        using var deleted = await ownerClient.DeleteAsync($"/api/v1/subscriptions/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    private static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient admin, string url, params string[] events)
    {
        var created = await ApiJson.ReadAsync(
            await admin.PostAsync("/api/v1/subscriptions", ApiJson.Content(JsonSerializer.Serialize(new { url, events }))), HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private async Task PostTextAsync(string phoneNumberId, string waId, int n)
    {
        using var posted = await _cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.{n}", $"message {n}", DateTimeOffset.UtcNow)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }
}
