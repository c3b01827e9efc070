using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>Two silos and a gateway as operators run them: /metrics, the dashboard behind the API key, request logs.</summary>
public sealed partial class OperationsTests(OperationsTests.TwoSiloCluster fixture) : IClassFixture<OperationsTests.TwoSiloCluster>
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Metrics_on_gateway_and_silos_count_real_webhook_traffic()
    {
        var body = WebhookFixtures.Read("image.json");
        using (var first = await _cluster.PostWebhookAsync(body))
        using (var redelivery = await _cluster.PostWebhookAsync(body))
        using (var forged = await _cluster.PostWebhookAsync(body, WebhookFixtures.Sign(body, "not-the-app-secret")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        // The image was sent days ago (the fixture's timestamp): its window is closed, so a free-form reply is refused.
        using (var api = _cluster.CreateClient())
        using (var reply = new HttpRequestMessage(HttpMethod.Post, "/api/v1/conversations/117283940561728/5511987654321/messages"))
        {
            reply.Content = new StringContent("""{"text":"Thanks for the picture"}""", System.Text.Encoding.UTF8, "application/json");
            reply.Headers.Add("Idempotency-Key", "metrics-window-refusal");
            using var refused = await api.SendAsync(reply);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        var gateway = await ScrapeAsync(_cluster.GatewayManagementUrl);
        Assert.True(Value(gateway, "waapp_webhook_requests_total", "outcome=\"stored\"") >= 2, gateway);
        Assert.True(Value(gateway, "waapp_webhook_requests_total", "outcome=\"signature_rejected\"") >= 1, gateway);
        Assert.True(Value(gateway, "waapp_webhook_duration_seconds_count", "outcome=\"stored\"") >= 2, gateway);
        Assert.True(Value(gateway, "waapp_webhook_updates_total", "type=\"image\"") >= 2, gateway);
        Assert.True(Value(gateway, "waapp_webhook_duplicates_total") >= 1, gateway);

        // The conversation grain lives on one of the two silos; Orleans' own meter counts its activation there.
        var silos = await Task.WhenAll(ScrapeAsync(_cluster.SiloUrl(0)), ScrapeAsync(_cluster.SiloUrl(1)));
        Assert.True(silos.Sum(silo => Value(silo, "orleans_catalog_activation_created_total", "grain_type=\"conversation\"")) >= 1, string.Join(Environment.NewLine, silos));
        Assert.True(silos.Sum(silo => Value(silo, "waapp_outbound_window_refusals_total")) >= 1, string.Join(Environment.NewLine, silos));
    }

    [Fact]
    public async Task Gateway_metrics_answer_only_on_the_management_port_and_health_on_both()
    {
        using var main = new HttpClient { BaseAddress = new Uri(_cluster.GatewayUrl) };
        using var management = new HttpClient { BaseAddress = new Uri(_cluster.GatewayManagementUrl) };

        using var publicMetrics = await main.GetAsync("/metrics");
        using var spoofedHost = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofedHost.Headers.Host = new Uri(_cluster.GatewayManagementUrl).Authority;
        using var spoofed = await main.SendAsync(spoofedHost);

        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, spoofed.StatusCode);
        Assert.Contains("# TYPE", await ScrapeAsync(_cluster.GatewayManagementUrl), StringComparison.Ordinal);
        foreach (var client in new[] { main, management })
        {
            using var live = await client.GetAsync("/health/live");
            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
    }

    [Fact]
    public async Task Dashboard_requires_the_api_key_and_lists_both_silos()
    {
        using var anonymous = _cluster.CreateClient(authenticated: false);
        using var refused = await anonymous.GetAsync("/dashboard/DashboardCounters");
        using var wrongKey = await anonymous.GetAsync("/dashboard/?access_token=not-a-configured-key");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        using var client = _cluster.CreateClient();
        using var page = await client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var counters = await Eventually(async () =>
        {
            var json = await client.GetStringAsync("/dashboard/DashboardCounters");
            Assert.Contains($":{_cluster.SiloPort(0)}", json, StringComparison.Ordinal);
            Assert.Contains($":{_cluster.SiloPort(1)}", json, StringComparison.Ordinal);
            return json;
        });
        Assert.NotEmpty(counters);
    }

    [Fact]
    public async Task Browser_signs_in_once_with_the_key_in_the_url_and_then_uses_an_http_only_cookie()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(_cluster.GatewayUrl) };

        using var signIn = await browser.GetAsync($"/dashboard?access_token={LocalCluster.ApiKey}");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/dashboard/", signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(LocalCluster.ApiKey, cookie, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/ClusterStats");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var withCookie = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);

        // The cookie is for the dashboard only, not for the REST API.
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/conversations/117283940561728/14155550123/messages");
        api.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var apiWithCookie = await browser.SendAsync(api);
        Assert.Equal(HttpStatusCode.Unauthorized, apiWithCookie.StatusCode);
    }

    [Fact]
    public async Task Request_logs_never_contain_the_api_key_or_the_verify_token()
    {
        using var client = _cluster.CreateClient(authenticated: false);
        using (await client.GetAsync($"/dashboard/version?access_token={LocalCluster.ApiKey}"))
        using (await client.GetAsync($"/webhook?hub.mode=subscribe&hub.verify_token={LocalCluster.VerifyToken}&hub.challenge=77"))
        {
        }

        var output = await Eventually(() =>
        {
            var text = _cluster.Gateway!.RecentOutput;
            Assert.Contains("hub.verify_token=[redacted]", text, StringComparison.Ordinal);
            Assert.Contains("GET /dashboard/version?access_token=[redacted]", text, StringComparison.Ordinal);
            return Task.FromResult(text);
        });
        Assert.DoesNotContain(LocalCluster.ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalCluster.VerifyToken, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_logs_name_the_route_pattern_not_the_phone_numbers_in_the_path()
    {
        var phoneNumberId = "1" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var contactId = "5" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
        using (var client = _cluster.CreateClient())
        using (var send = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{phoneNumberId}/{contactId}/messages"))
        {
            send.Content = new StringContent("""{"text":"Hello"}""", System.Text.Encoding.UTF8, "application/json");
            send.Headers.Add("Idempotency-Key", "route-pattern-log");
            using var response = await client.SendAsync(send);
        }

        var output = await Eventually(() =>
        {
            var text = _cluster.Gateway!.RecentOutput;
            Assert.Contains("POST /api/v1/conversations/{phoneNumberId}/{contactId}/messages responded", text, StringComparison.Ordinal);
            return Task.FromResult(text);
        });
        Assert.DoesNotContain(phoneNumberId, output, StringComparison.Ordinal);
        Assert.DoesNotContain(contactId, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grain_calls_caused_by_a_webhook_carry_its_correlation_into_the_silo()
    {
        using (var response = await _cluster.PostWebhookAsync(WebhookFixtures.Read("location.json")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Eventually(() =>
        {
            var silos = string.Join(Environment.NewLine, _cluster.Silos.OfType<HostProcess>().Select(silo => silo.RecentOutput));
            Assert.Contains("on behalf of a webhook.", silos, StringComparison.Ordinal);
            return Task.FromResult(silos);
        });
    }

    private static async Task<string> ScrapeAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        return await http.GetStringAsync("/metrics");
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Value(string exposition, string name, string label = "") =>
        exposition.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(match => match.Success && match.Groups["name"].Value == name && match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)")]
    private static partial Regex Sample();

    private static async Task<T> Eventually<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    public sealed class TwoSiloCluster : IAsyncLifetime
    {
        public LocalCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync() => Cluster = await LocalCluster.StartAsync(silos: 2, extraSettings: new Dictionary<string, string?>
        {
            // The silos log each grain call a webhook caused at Debug: lets a test see the correlation arrive.
            ["Serilog__MinimumLevel__Override__WaApp.Silo.Hosting.WebhookCorrelationFilter"] = "Debug",
        });

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }
}
