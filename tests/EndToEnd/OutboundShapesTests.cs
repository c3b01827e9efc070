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

    // The simulator's business account (Simulator:WabaId), which its webhooks name and WaApp's sync reads.
    private const string SimulatorWabaId = "104857362918475";

    public static TheoryData<string> Fixtures => [.. OutboundFixtures.Names];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_send_through_REST_reaches_Meta_as_Meta_documents_it(string name)
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Hi, I have a question");
        using var api = fixture.Cluster.CreateClient();
        var wamid = (await InboundWamidsAsync(api, customer, 1))[^1];
        if (OutboundFixtures.Meta(name)["template"] is JsonObject template)
        {
            await ApproveAsync(api, (string)template["name"]!, (string)template["language"]!["code"]!, name);
        }

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

    /// <summary>
    /// Meta approved the template and says so by webhook: once WaApp has synced the account's templates (the simulator
    /// lists none of these), a name it has not heard of is refused before Meta is called, so the shapes under test are
    /// made known the way production learns of approvals. Their components are unknown, so only the status is checked
    /// before sending and the body reaches Meta as written.
    /// </summary>
    private async Task ApproveAsync(HttpClient api, string template, string language, string fixtureName)
    {
        var category = fixtureName.Contains("authentication", StringComparison.Ordinal) ? "AUTHENTICATION"
            : fixtureName.Contains("offer", StringComparison.Ordinal) || fixtureName.Contains("carousel", StringComparison.Ordinal) || fixtureName.Contains("copy-code", StringComparison.Ordinal) ? "MARKETING"
            : "UTILITY";
        var webhook = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = SimulatorWabaId,
                ["time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "message_template_status_update",
                    ["value"] = new JsonObject
                    {
                        ["event"] = "APPROVED",
                        ["message_template_id"] = 1_000_000_000_000_000 + (long)(uint)template.GetHashCode(StringComparison.Ordinal),
                        ["message_template_name"] = template,
                        ["message_template_language"] = language,
                        ["reason"] = "NONE",
                        ["message_template_category"] = category,
                    },
                }),
            }),
        };
        using (var response = await fixture.Cluster.PostWebhookAsync(System.Text.Encoding.UTF8.GetBytes(webhook.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SimulatedMetaCluster.EventuallyAsync(
            async () =>
            {
                var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{PhoneNumberId}/templates?status=APPROVED");
                return page.GetProperty("items").EnumerateArray().Any(item =>
                    item.GetProperty("name").GetString() == template && item.GetProperty("language").GetString() == language);
            },
            $"WaApp to know that {template} ({language}) is approved");
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
