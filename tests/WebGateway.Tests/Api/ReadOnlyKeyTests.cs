using System.Net;
using System.Net.Http.Headers;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class ReadOnlyKeyTests(ApiClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_read_only_key_reads_but_every_write_is_a_403_problem_that_changes_nothing()
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        using (var posted = await _cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", DateTimeOffset.UtcNow)])))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        using var reader = _cluster.CreateClient(authenticated: false);
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiClusterFixture.ReadOnlyKey);
        var conversation = $"/api/v1/conversations/{phoneNumberId}/{waId}";

        foreach (var path in new[] { conversation, $"{conversation}/messages", $"{conversation}/events", $"/api/v1/businesses/{phoneNumberId}/settings", "/api/v1/businesses" })
        {
            using var read = await reader.GetAsync(path);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)read.StatusCode}");
        }

        var writes = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Post, $"{conversation}/assign", """{ "agent": "ana" }"""),
            (HttpMethod.Post, $"{conversation}/close", null),
            (HttpMethod.Post, $"{conversation}/reopen", null),
            (HttpMethod.Post, $"{conversation}/read", null),
            (HttpMethod.Put, $"/api/v1/businesses/{phoneNumberId}/settings", """{ "welcomeMessage": "hijacked" }"""),
        };
        foreach (var (method, path, body) in writes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : ApiJson.Content(body) };
            using var response = await reader.SendAsync(request);
            var problem = await ApiJson.ReadAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
        }

        using var agent = _cluster.CreateClient();
        var summary = await ApiJson.ReadAsync(await agent.GetAsync(conversation), HttpStatusCode.OK);
        var settings = await ApiJson.ReadAsync(await agent.GetAsync($"/api/v1/businesses/{phoneNumberId}/settings"), HttpStatusCode.OK);
        Assert.Equal(1, summary.GetProperty("version").GetInt32());
        Assert.Equal(1, summary.GetProperty("unreadCount").GetInt32());
        Assert.NotEqual("hijacked", settings.GetProperty("welcomeMessage").ToString());
    }
}
