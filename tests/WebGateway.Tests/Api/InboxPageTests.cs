using System.Net;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>The inbox's static files as a browser gets them (the browser test in tests/EndToEnd drives the page).</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class InboxPageTests(ApiClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/inbox", "text/html")]
    [InlineData("/inbox/inbox.js", "text/javascript")]
    [InlineData("/inbox/inbox.css", "text/css")]
    public async Task Inbox_files_are_served_without_a_key_and_with_a_strict_content_security_policy(string path, string contentType)
    {
        using var client = _cluster.CreateClient(authenticated: false);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task An_unchanged_file_is_answered_304_so_reloads_stay_cheap()
    {
        using var client = _cluster.CreateClient(authenticated: false);
        using var first = await client.GetAsync("/inbox/inbox.js");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/inbox/inbox.js");
        request.Headers.IfNoneMatch.Add(etag);
        using var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task The_page_holds_no_data_and_the_api_it_calls_still_needs_the_key()
    {
        using var anonymous = _cluster.CreateClient(authenticated: false);

        var page = await anonymous.GetStringAsync("/inbox");

        Assert.Contains("<label for=\"api-key\">API key</label>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/businesses")).StatusCode);
    }
}
