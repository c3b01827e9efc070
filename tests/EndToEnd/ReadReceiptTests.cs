using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WaApp.EndToEnd;

/// <summary>
/// Read receipts and the typing indicator through real processes: an agent reading a conversation sends Meta one
/// receipt for the newest customer message; reading again sends none; typing shows the indicator on that message.
/// </summary>
[Collection(MessageShapesCollection.Name)]
public sealed class ReadReceiptTests(SimulatedMetaCluster fixture)
{
    private const string PhoneNumberId = "117283940561728";

    [Fact]
    public async Task Reading_a_conversation_sends_one_receipt_for_the_newest_customer_message_and_reading_again_sends_none()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Hi, is my order on its way?");
        await WriteAgainAsync(customer, "Order #4417");
        using var api = fixture.Cluster.CreateClient();
        var wamids = await OutboundShapesTests.InboundWamidsAsync(api, customer, 2);
        var path = $"/api/v1/conversations/{PhoneNumberId}/{customer}";

        using (var read = await api.PostAsync($"{path}/read", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        await SimulatedMetaCluster.EventuallyAsync(async () => (await ReceiptsAsync(wamids)).Count == 1, "the read receipt to reach the simulator");
        using (var again = await api.PostAsync($"{path}/read", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        // A message sent after the second read reaches Meta after anything that read could have sent.
        using var send = new HttpRequestMessage(HttpMethod.Post, $"{path}/messages") { Content = JsonContent.Create(new { text = "It ships today." }) };
        send.Headers.Add("Idempotency-Key", "after-second-read");
        using (var sent = await api.SendAsync(send))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        await SimulatedMetaCluster.EventuallyAsync(async () => (await fixture.RequestsAsync(customer)).Count == 1, "the reply to reach the simulator");
        var receipt = Assert.Single(await ReceiptsAsync(wamids));
        Assert.Equal(wamids[^1], (string?)receipt["message_id"]);
        Assert.Equal("read", (string?)receipt["status"]);
        Assert.Null(receipt["typing_indicator"]);
        var summary = await api.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(0, summary.GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task Typing_shows_the_indicator_on_the_newest_customer_message()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Can I change the delivery address?");
        using var api = fixture.Cluster.CreateClient();
        var wamids = await OutboundShapesTests.InboundWamidsAsync(api, customer, 1);

        using var typing = await api.PostAsync($"/api/v1/conversations/{PhoneNumberId}/{customer}/typing", content: null);

        Assert.Equal(HttpStatusCode.OK, typing.StatusCode);
        Assert.Equal(25, (await typing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiresInSeconds").GetInt32());
        var receipt = Assert.Single(await ReceiptsAsync(wamids));
        Assert.Equal(wamids[0], (string?)receipt["message_id"]);
        Assert.Equal("text", (string?)receipt["typing_indicator"]?["type"]);
    }

    private async Task WriteAgainAsync(string customer, string text)
    {
        using var response = await fixture.Simulator.PostAsJsonAsync("/simulator/inbound", new { phoneNumberId = PhoneNumberId, from = customer, name = "Ana", text });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The read receipts the simulator received for any of <paramref name="wamids"/>.</summary>
    private async Task<IReadOnlyList<JsonObject>> ReceiptsAsync(IReadOnlyList<string> wamids)
    {
        var all = await fixture.Simulator.GetFromJsonAsync<JsonElement[]>($"/simulator/requests?phoneNumberId={PhoneNumberId}");
        return [.. all!
            .Select(request => JsonNode.Parse(request.GetProperty("body").GetString()!)!.AsObject())
            .Where(body => (string?)body["status"] == "read" && wamids.Contains((string?)body["message_id"]))];
    }
}
