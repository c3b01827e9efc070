using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;

namespace WaApp.WebGateway.Tests.Security;

[Collection(ApiClusterCollection.Name)]
public sealed class EndpointAuthorizationTests(ApiClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_read_only_key_is_refused_on_every_mapped_endpoint_that_is_not_a_GET()
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        using (var posted = await _cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", DateTimeOffset.UtcNow)])))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        await using var gateway = new InProcessGateway(_cluster.Settings);
        using var reader = gateway.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiClusterFixture.ReadOnlyKey);

        // Every endpoint the app mapped, as the routing system sees it: a new write endpoint is covered without
        // anyone adding it to this test.
        var writes = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => Methods(endpoint).Where(method => method is not ("GET" or "HEAD" or "OPTIONS")).Select(method => (endpoint, method)))
            .ToList();
        // Open to anyone and accepting a write: only Meta's webhook (signed instead). Health and metrics answer any
        // method with the same read, so they declare no methods and are not writes.
        var anonymous = writes.Where(write => IsAnonymous(write.endpoint)).ToList();
        Assert.Equal(["POST /webhook"], anonymous.Select(write => $"{write.method} {write.endpoint.RoutePattern.RawText}"));

        var guarded = writes.Except(anonymous).ToList();
        var routes = guarded.Select(write => $"{write.method} {write.endpoint.RoutePattern.RawText}").ToList();
        Assert.Contains("POST /api/v1/conversations/{phoneNumberId}/{contactId}/messages", routes);
        Assert.Contains("POST /api/v1/conversations/{phoneNumberId}/{contactId}/messages/{messageId}/retry", routes);
        Assert.Contains("PUT /api/v1/businesses/{phoneNumberId}/settings", routes);

        foreach (var (endpoint, method) in guarded)
        {
            var path = Fill(endpoint.RoutePattern.RawText ?? "/", phoneNumberId, waId);
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent("""{ "text": "sent with a read-only key" }""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await reader.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
        }

        // Nothing was sent or changed: the conversation still has only the customer's message.
        using var agent = _cluster.CreateClient();
        var summary = await ApiJson.ReadAsync(await agent.GetAsync($"/api/v1/conversations/{phoneNumberId}/{waId}"), HttpStatusCode.OK);
        Assert.Equal(1, summary.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_read_only_key_does_not_open_the_dashboard()
    {
        using var anonymous = _cluster.CreateClient(authenticated: false);
        using var signIn = await anonymous.GetAsync($"/dashboard/?access_token={ApiClusterFixture.ReadOnlyKey}");
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);

        using var reader = _cluster.CreateClient(authenticated: false);
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiClusterFixture.ReadOnlyKey);
        using var counters = await reader.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.Forbidden, counters.StatusCode);
    }

    [Fact]
    public async Task A_key_in_the_query_string_is_only_read_by_the_live_feed_and_the_dashboard()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var anonymous = new HttpClient(handler) { BaseAddress = new Uri(_cluster.GatewayUrl) };
        using var api = await anonymous.GetAsync($"/api/v1/businesses?access_token={LocalCluster.ApiKey}");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var dashboard = await anonymous.GetAsync($"/dashboard/?access_token={LocalCluster.ApiKey}");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    private static bool IsAnonymous(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;

    // An endpoint without method metadata answers every method; for a guarded one these stand for the ones that write.
    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods
        : IsAnonymous(endpoint) ? [] : ["POST", "PUT", "DELETE"];

    private static string Fill(string pattern, string phoneNumberId, string contactId) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*{0,2}([A-Za-z]+)[^}]*\}", match => match.Groups[1].Value switch
        {
            "phoneNumberId" => phoneNumberId,
            "contactId" => contactId,
            _ => "x",
        });
}
