using System.Net;
using WaApp.WebGateway.Api;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>Sending over REST: bodies that do not bind and reused idempotency keys are refused with problem details.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SendApiTests(ApiClusterFixture fixture)
{
    [Theory]
    // Meta's own text object is a valid send (issue #18); a WaApp field of the wrong type still does not bind.
    [InlineData("""{ "type": "text", "text": { "body": "hi" }, "lane": 5 }""", "lane")]
    [InlineData("""{ "text": 42 }""", "text")]
    [InlineData("""{ "text": "hi", "previewUrl": "yes" }""", "previewUrl")]
    [InlineData("""{ "template": { "name": "order_update", "language": "en_US", "parameters": "one" } }""", "template.parameters")]
    [InlineData("""{ "text": "hi" """, "body")]
    [InlineData("""[ "hi" ]""", "body")]
    public async Task A_body_that_does_not_bind_is_a_400_problem_naming_the_field(string body, string field)
    {
        var (client, path) = await fixture.NewConversationAsync();
        var before = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        using var response = await client.SendAsync(Send(path, body, Guid.NewGuid().ToString("N")));
        var problem = await ApiJson.ReadAsync(response, HttpStatusCode.BadRequest);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], ApiJson.ErrorFields(problem));
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_a_different_body_is_a_422_and_the_first_message_stands()
    {
        var (client, path) = await fixture.NewConversationAsync();
        const string Key = "order-42-confirmation";

        var first = await ApiJson.ReadAsync(await client.SendAsync(Send(path, """{ "text": "Your order ships today" }""", Key)), HttpStatusCode.Accepted);
        using var reused = await client.SendAsync(Send(path, """{ "text": "Your order is cancelled" }""", Key));
        var problem = await ApiJson.ReadAsync(reused, HttpStatusCode.UnprocessableEntity);
        var repeat = await ApiJson.ReadAsync(await client.SendAsync(Send(path, """{ "text": "Your order ships today" }""", Key)), HttpStatusCode.OK);
        var messages = await ApiJson.ReadAsync(await client.GetAsync($"{path}/messages"), HttpStatusCode.OK);

        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal(first.GetProperty("id").GetString(), repeat.GetProperty("id").GetString());
        var texts = messages.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("text").GetString()).ToList();
        Assert.Equal(["hi", "Your order ships today"], texts);
    }

    private static HttpRequestMessage Send(string path, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/messages") { Content = ApiJson.Content(body) };
        request.Headers.Add(OutboundEndpoints.IdempotencyKeyHeader, key);
        return request;
    }
}
