using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>The number-wide breaker shows on <c>/ws</c> as it happens, with the reason REST shows.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SendingLiveFeedTests(ApiClusterFixture fixture)
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(30);
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_live_client_sees_the_pause_with_its_reason_and_the_resume()
    {
        // An account of its own, so the ban pauses no number another test sends from.
        var (phoneNumberId, waba) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewPhoneNumberId());
        var hello = WebhookBodies.Texts(phoneNumberId, [new(TextWebhooks.NewWaId(), $"wamid.{phoneNumberId}.1", "hi", DateTimeOffset.UtcNow)], businessAccountId: waba);
        using (var posted = await _cluster.PostWebhookAsync(hello))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        using var client = _cluster.CreateClient();
        await ApiJson.EventuallyAsync(client, "/api/v1/businesses", body => body.GetProperty("items").EnumerateArray()
            .Any(item => item.GetProperty("phoneNumberId").GetString() == phoneNumberId && item.GetProperty("wabaId").GetString() == waba));

        using var socket = new ClientWebSocket();
        var uri = new Uri($"{_cluster.GatewayUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/ws?access_token={LocalCluster.ApiKey}&business={phoneNumberId}");
        await socket.ConnectAsync(uri, CancellationToken.None);
        await NextAsync(socket, frame => Type(frame) == "subscribed" && (bool?)frame["live"] == true);

        using (var banned = await _cluster.PostWebhookAsync(SendingApiTests.Ban(waba)))
        {
            Assert.Equal(HttpStatusCode.OK, banned.StatusCode);
        }

        var paused = await NextAsync(socket, frame => Type(frame) == "sending.paused");
        using (var resume = await client.PostAsync($"/api/v1/businesses/{phoneNumberId}/sending/resume", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }

        var resumed = await NextAsync(socket, frame => Type(frame) == "sending.resumed");

        Assert.Equal(phoneNumberId, (string?)paused["phoneNumberId"]);
        Assert.Null(paused["contactId"]);
        Assert.Equal("paused", (string?)paused["sending"]!["state"]);
        Assert.Contains("DISABLED_UPDATE", (string?)paused["sending"]!["reason"], StringComparison.Ordinal);
        Assert.NotNull(paused["sending"]!["since"]);
        Assert.Equal("active", (string?)resumed["sending"]!["state"]);
    }

    private static string? Type(JsonNode frame) => (string?)frame["type"];

    /// <summary>The next frame that matches, skipping others; fails after <see cref="FrameTimeout"/>.</summary>
    private static async Task<JsonNode> NextAsync(ClientWebSocket socket, Func<JsonNode, bool> match)
    {
        using var timeout = new CancellationTokenSource(FrameTimeout);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, timeout.Token);
                Assert.NotEqual(WebSocketMessageType.Close, received.MessageType);
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
            if (match(frame))
            {
                return frame;
            }
        }
    }
}
