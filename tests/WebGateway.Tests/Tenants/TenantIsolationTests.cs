using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;
using WaApp.WebGateway.Tests.Security;

namespace WaApp.WebGateway.Tests.Tenants;

[Collection(TenantClusterCollection.Name)]
public sealed partial class TenantIsolationTests(TenantClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Every_endpoint_answers_404_to_another_tenants_key_and_changes_nothing()
    {
        var (a, b) = (await fixture.NewTenantAsync(), await fixture.NewTenantAsync());
        var (waA, waB) = (TextWebhooks.NewWaId(), TextWebhooks.NewWaId());
        await PostTextAsync(a.PhoneNumberId, waA);
        await PostTextAsync(b.PhoneNumberId, waB);
        using var clientA = fixture.Client(a.Key);
        using var clientB = fixture.Client(b.Key);
        await ApiJson.ReadAsync(await clientA.GetAsync($"/api/v1/conversations/{a.PhoneNumberId}/{waA}"), HttpStatusCode.OK);
        var before = await ApiJson.ReadAsync(await clientB.GetAsync($"/api/v1/conversations/{b.PhoneNumberId}/{waB}"), HttpStatusCode.OK);
        var subscriptionB = (await ApiJson.ReadAsync(
            await clientB.PostAsync("/api/v1/subscriptions", ApiJson.Content("""{ "url": "http://127.0.0.1:9/hook", "events": ["message.received"] }""")),
            HttpStatusCode.Created)).GetProperty("id").GetString();

        await using var gateway = new InProcessGateway(_cluster.Settings);
        var endpoints = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(method => (Method: method, Pattern: endpoint.RoutePattern.RawText!)))
            .ToList();
        // Only these name nothing of a tenant: the list of businesses (filtered, checked below) and the list and
        // creation of tenants (filtered, and refused to tenant keys, checked in TenantAdminTests), and the list and
        // creation of subscriptions (always the caller's own tenant's, checked in SubscriptionTests).
        string[] unscoped = ["GET /api/v1/businesses/", "GET /api/v1/admin/tenants/", "POST /api/v1/admin/tenants/", "GET /api/v1/subscriptions/", "POST /api/v1/subscriptions/"];
        var scoped = endpoints.Where(endpoint => !unscoped.Contains($"{endpoint.Method} {endpoint.Pattern.TrimEnd('/')}/")).ToList();
        Assert.Contains(scoped, endpoint => endpoint.Pattern.Contains("{contactId}/events", StringComparison.Ordinal));
        Assert.Contains(scoped, endpoint => endpoint.Pattern.StartsWith("/api/v1/contacts/", StringComparison.Ordinal));
        Assert.Contains(scoped, endpoint => endpoint.Pattern.Contains("{tenantId}/keys/{keyId}", StringComparison.Ordinal));
        Assert.Contains(scoped, endpoint => endpoint.Pattern.Contains("{subscriptionId}/replay", StringComparison.Ordinal));

        using var foreign = fixture.Client(a.Key);
        foreach (var (method, pattern) in scoped)
        {
            var path = Placeholder().Replace(pattern, match => match.Groups[1].Value switch
            {
                "phoneNumberId" or "number" => b.PhoneNumberId,
                "contactId" => waB,
                "tenantId" => b.TenantId,
                "keyId" => b.KeyId,
                "subscriptionId" => subscriptionB!,
                _ => "x",
            });
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method is "GET" or "DELETE" ? null : new StringContent("""{ "text": "from another tenant", "agent": "ana", "role": "admin" }""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await foreign.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {pattern}: {(int)response.StatusCode}");
        }

        var businesses = await ApiJson.ReadAsync(await clientA.GetAsync("/api/v1/businesses"), HttpStatusCode.OK);
        Assert.DoesNotContain(b.PhoneNumberId, businesses.GetRawText(), StringComparison.Ordinal);
        var after = await ApiJson.ReadAsync(await clientB.GetAsync($"/api/v1/conversations/{b.PhoneNumberId}/{waB}"), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        await ApiJson.ReadAsync(await clientB.GetAsync($"/api/v1/admin/tenants/{b.TenantId}"), HttpStatusCode.OK);
        await ApiJson.ReadAsync(await clientB.GetAsync($"/api/v1/subscriptions/{subscriptionB}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_settings_key_sees_no_tenants_number_and_an_unowned_number_is_acknowledged_but_stored_nowhere()
    {
        var tenant = await fixture.NewTenantAsync();
        var waId = TextWebhooks.NewWaId();
        await PostTextAsync(tenant.PhoneNumberId, waId);
        using var settingsKey = _cluster.CreateClient();
        await ApiJson.ReadAsync(await settingsKey.GetAsync($"/api/v1/conversations/{tenant.PhoneNumberId}/{waId}"), HttpStatusCode.NotFound);
        await ApiJson.ReadAsync(await settingsKey.GetAsync($"/api/v1/contacts/{waId}"), HttpStatusCode.NotFound);

        var (unowned, stranger) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        await PostTextAsync(unowned, stranger);
        await ApiJson.ReadAsync(await settingsKey.GetAsync($"/api/v1/conversations/{unowned}/{stranger}"), HttpStatusCode.NotFound);
        await ApiJson.ReadAsync(await settingsKey.GetAsync($"/api/v1/conversations/{unowned}/{stranger}/messages"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_live_feed_never_sends_another_tenants_frames()
    {
        var (a, b) = (await fixture.NewTenantAsync(), await fixture.NewTenantAsync());
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {a.Key}");
        var url = new Uri($"{_cluster.GatewayUrl.Replace("http", "ws", StringComparison.Ordinal)}/ws?business={b.PhoneNumberId}&business={a.PhoneNumberId}");
        await socket.ConnectAsync(url, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var subscribed = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal("subscribed", subscribed.GetProperty("type").GetString());

        // B's message first, then A's: the first conversation frame the socket gets must be A's.
        var (waA, waB) = (TextWebhooks.NewWaId(), TextWebhooks.NewWaId());
        await PostTextAsync(b.PhoneNumberId, waB);
        await PostTextAsync(a.PhoneNumberId, waA);
        while (true)
        {
            var frame = await ReceiveAsync(socket, timeout.Token);
            var text = frame.GetRawText();
            Assert.DoesNotContain(b.PhoneNumberId, text, StringComparison.Ordinal);
            if (text.Contains(waA, StringComparison.Ordinal))
            {
                break;
            }
        }
    }

    private async Task PostTextAsync(string phoneNumberId, string waId)
    {
        using var posted = await _cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.{Guid.NewGuid():N}", "hi", DateTimeOffset.UtcNow)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z]+)[^}]*\}")]
    private static partial Regex Placeholder();
}
