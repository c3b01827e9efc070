using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// Every message type and template kind, sent through REST, reaches Meta (the simulator) as Meta documents it: the
/// expected bodies are tests/Fixtures/outbound, written from Meta's docs; WaApp adds only biz_opaque_callback_data.
/// </summary>
[Collection(MessageShapesCollection.Name)]
public sealed class OutboundShapesTests(SimulatedMetaCluster fixture)
{
    private const string PhoneNumberId = "117283940561728";

    public static TheoryData<string> Fixtures => [.. OutboundFixtures.Names];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_send_through_REST_reaches_Meta_as_Meta_documents_it(string name)
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Hi, I have a question");
        using var api = fixture.Cluster.CreateClient();
        var wamid = (await InboundWamidsAsync(api, customer, 1))[^1];

        using var send = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{PhoneNumberId}/{customer}/messages")
        {
            Content = JsonContent.Create(OutboundFixtures.Request(name, "+" + customer, wamid)),
        };
        send.Headers.Add("Idempotency-Key", $"shape-{name}");
        using var response = await api.SendAsync(send);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        JsonObject? received = null;
        await SimulatedMetaCluster.EventuallyAsync(
            async () => (received = await ReceivedAsync(customer, id)) is not null,
            $"the {name} send to reach the simulator");

        Assert.Equal(id, (string?)received!["biz_opaque_callback_data"]);
        received.Remove("biz_opaque_callback_data");
        var expected = OutboundFixtures.Meta(name, "+" + customer, wamid);
        Assert.True(JsonNode.DeepEquals(expected, received), $"{name}: expected {expected.ToJsonString()}{Environment.NewLine}received {received.ToJsonString()}");
    }

    /// <summary>The wamids of the customer's messages, oldest first, once at least <paramref name="count"/> are stored.</summary>
    internal static async Task<IReadOnlyList<string>> InboundWamidsAsync(HttpClient api, string customer, int count)
    {
        IReadOnlyList<string> wamids = [];
        await SimulatedMetaCluster.EventuallyAsync(
            async () =>
            {
                var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{PhoneNumberId}/{customer}/messages");
                wamids = [.. page.GetProperty("items").EnumerateArray()
                    .Where(item => item.GetProperty("direction").GetString() == "inbound")
                    .Select(item => item.GetProperty("id").GetString()!)];
                return wamids.Count >= count;
            },
            "the customer's messages to be stored");
        return wamids;
    }

    private async Task<JsonObject?> ReceivedAsync(string customer, string id)
    {
        foreach (var request in await fixture.RequestsAsync(customer))
        {
            var body = JsonNode.Parse(request.GetProperty("body").GetString()!)!.AsObject();
            if ((string?)body["biz_opaque_callback_data"] == id)
            {
                return body;
            }
        }

        return null;
    }
}
