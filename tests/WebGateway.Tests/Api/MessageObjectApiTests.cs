using System.Net;
using WaApp.WebGateway.Api;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>
/// Sends in Meta's message object shape: what Meta would refuse is a 400 naming the field and nothing is stored; a
/// valid object is queued and shows in the conversation.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class MessageObjectApiTests(ApiClusterFixture fixture)
{
    public static TheoryData<string, string> Refused => new()
    {
        { """{ "type": "interactive", "interactive": { "type": "button", "body": { "text": "Pick one" }, "action": { "buttons": [""" + Buttons(4) + "] } } }", "interactive.action.buttons" },
        { """{ "type": "interactive", "interactive": { "type": "list", "body": { "text": "Pick" }, "action": { "button": "Open", "sections": [ { "title": "All", "rows": [""" + Rows(11) + "] } ] } } }", "interactive.action.sections[0].rows" },
        { """{ "type": "template", "template": { "name": "order_total", "language": { "code": "en_US" }, "components": [ { "type": "body", "parameters": [ { "type": "currency", "currency": { "fallback_value": "$10.99", "code": "USD", "amount_1000": "10.99" } } ] } ] } }""", "template.components[0].parameters[0].currency.amount_1000" },
        { """{ "type": "template", "template": { "name": "order_total", "language": { "code": "en_US" }, "components": [ { "type": "body", "parameters": [ { "type": "date_time", "date_time": "2026-12-06" } ] } ] } }""", "template.components[0].parameters[0].date_time" },
        { """{ "type": "image", "image": { "link": "not a url" } }""", "image.link" },
        { """{ "type": "image" }""", "image" },
        { """{ "type": "poll", "poll": {} }""", "type" },
        { """{ "type": "text", "text": "hi", "image": { "link": "https://example.com/a.jpg" } }""", "image" },
        { """{ "type": "reaction", "reaction": { "message_id": "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTAwNTJBMzhCOEREMjc3QkRFRgA=", "emoji": "👍" } }""", "reaction.message_id" },
        { """{ "type": "reaction", "reaction": { "message_id": "{wamid}", "emoji": "👍" }, "replyTo": "{wamid}" }""", "replyTo" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_message_Meta_would_refuse_is_a_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var (client, path) = await fixture.NewConversationAsync();
        var wamid = $"wamid.{path.Split('/')[^1]}.1";
        var before = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        using var response = await client.SendAsync(Send(path, body.Replace("{wamid}", wamid, StringComparison.Ordinal)));
        var problem = await ApiJson.ReadAsync(response, HttpStatusCode.BadRequest);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], ApiJson.ErrorFields(problem));
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Meta_objects_are_queued_and_read_back_as_the_conversation_shows_them()
    {
        var (client, path) = await fixture.NewConversationAsync();
        var wamid = $"wamid.{path.Split('/')[^1]}.1";

        await ApiJson.ReadAsync(await client.SendAsync(Send(path, """{ "type": "text", "text": { "body": "Meta's text object" } }""")), HttpStatusCode.Accepted);
        var buttons = await ApiJson.ReadAsync(
            await client.SendAsync(Send(path, """{ "type": "interactive", "interactive": { "type": "button", "body": { "text": "Keep the 9am slot?" }, "action": { "buttons": [""" + Buttons(3) + "] } }, \"replyTo\": \"" + wamid + "\" }")),
            HttpStatusCode.Accepted);
        var reaction = await ApiJson.ReadAsync(
            await client.SendAsync(Send(path, """{ "type": "reaction", "reaction": { "message_id": "{wamid}", "emoji": "👍" } }""".Replace("{wamid}", wamid, StringComparison.Ordinal))),
            HttpStatusCode.Accepted);
        var messages = await ApiJson.ReadAsync(await client.GetAsync($"{path}/messages"), HttpStatusCode.OK);

        Assert.Equal("interactive", buttons.GetProperty("type").GetString());
        Assert.Equal("reaction", reaction.GetProperty("type").GetString());
        var texts = messages.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("text").GetString()).ToList();
        Assert.Equal(["hi", "Meta's text object", "Keep the 9am slot?", "👍"], texts);
    }

    private static HttpRequestMessage Send(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/messages") { Content = ApiJson.Content(body) };
        request.Headers.Add(OutboundEndpoints.IdempotencyKeyHeader, Guid.NewGuid().ToString("N"));
        return request;
    }

    private static string Buttons(int count) =>
        string.Join(",", Enumerable.Range(1, count).Select(i => "{\"type\":\"reply\",\"reply\":{\"id\":\"b" + i + "\",\"title\":\"Option " + i + "\"}}"));

    private static string Rows(int count) =>
        string.Join(",", Enumerable.Range(1, count).Select(i => "{\"id\":\"r" + i + "\",\"title\":\"Row " + i + "\"}"));
}
