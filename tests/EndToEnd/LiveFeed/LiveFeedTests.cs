using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd.LiveFeed;

/// <summary>The <c>/ws</c> live feed through real processes: dynalite, a silo and a gateway on loopback.</summary>
public sealed class LiveFeedTests(LiveFeedTests.Cluster fixture) : IClassFixture<LiveFeedTests.Cluster>
{
    // More than one burst of this test's frames, so only a client that stops reading trips the limits.
    private const int SocketBufferFrames = 1000;
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(20);
    private static readonly string Business = "business=" + UniqueWebhooks.PhoneNumberId;

    private readonly LocalCluster _cluster = fixture.Value;

    [Fact]
    public async Task A_subscribed_client_gets_a_frame_per_stored_message_posted_on_another_connection()
    {
        await using var live = await LiveFeedClient.ConnectAsync(_cluster, Business);
        var subscribed = await live.NextAsync(frame => Type(frame) == "subscribed", FrameTimeout, "confirming the subscription");
        var first = UniqueWebhooks.Text("first live message");
        var second = UniqueWebhooks.Text("second live message", first.ContactId);

        await PostOkAsync(first.Body);
        await PostOkAsync(second.Body);
        var one = await live.NextAsync(frame => IsMessage(frame, first.MessageId), FrameTimeout, "for the first message");
        var two = await live.NextAsync(frame => IsMessage(frame, second.MessageId), FrameTimeout, "for the second message");

        Assert.Equal(UniqueWebhooks.PhoneNumberId, (string?)subscribed["businesses"]![0]);
        Assert.True((bool)subscribed["live"]!);
        Assert.Equal("message.received", Type(one));
        Assert.Equal($"{UniqueWebhooks.PhoneNumberId}:{first.ContactId}", (string?)one["conversationId"]);
        Assert.Equal("first live message", (string?)one["message"]!["text"]);
        Assert.Equal("inbound", (string?)one["message"]!["direction"]);
        Assert.Equal(1, (int)one["conversation"]!["unreadCount"]!);
        Assert.Equal((int)one["version"]! + 1, (int)two["version"]!);
        Assert.Equal(2, (int)two["conversation"]!["unreadCount"]!);
    }

    [Fact]
    public async Task After_a_reconnect_the_version_jump_shows_the_gap_and_rest_fills_it()
    {
        var first = UniqueWebhooks.Text("before the disconnect");
        var missed = UniqueWebhooks.Text("while disconnected", first.ContactId);
        var after = UniqueWebhooks.Text("after the reconnect", first.ContactId);
        int seen;
        await using (var live = await LiveFeedClient.ConnectAsync(_cluster, $"conversation={UniqueWebhooks.PhoneNumberId}:{first.ContactId}"))
        {
            await live.NextAsync(frame => Type(frame) == "subscribed", FrameTimeout, "confirming the subscription");
            await PostOkAsync(first.Body);
            seen = (int)(await live.NextAsync(frame => IsMessage(frame, first.MessageId), FrameTimeout, "before the disconnect"))["version"]!;
        }

        await PostOkAsync(missed.Body);
        await using var again = await LiveFeedClient.ConnectAsync(_cluster, $"conversation={UniqueWebhooks.PhoneNumberId}:{first.ContactId}");
        await again.NextAsync(frame => Type(frame) == "subscribed", FrameTimeout, "confirming the subscription");
        await PostOkAsync(after.Body);
        var next = await again.NextAsync(frame => IsMessage(frame, after.MessageId), FrameTimeout, "after the reconnect");

        Assert.Equal(seen + 2, (int)next["version"]!);
        using var api = _cluster.CreateClient();
        var page = await api.GetFromJsonAsync<JsonObject>(UniqueWebhooks.MessagesPath(first.ContactId) + "?after=1");
        Assert.Equal(["while disconnected", "after the reconnect"], page!["items"]!.AsArray().Select(item => (string?)item!["text"]));
    }

    [Fact]
    public async Task Subscriptions_can_change_over_the_socket_and_bad_requests_get_an_error_frame()
    {
        await using var live = await LiveFeedClient.ConnectAsync(_cluster, "");
        await live.NextAsync(frame => Type(frame) == "subscribed", FrameTimeout, "with no subscriptions");

        await live.SendAsync("""{"type":"subscribe","businesses":["not a number id"]}""");
        var error = await live.NextAsync(frame => Type(frame) == "error", FrameTimeout, "for a bad business id");
        await live.SendAsync("{not json");
        var notJson = await live.NextAsync(frame => Type(frame) == "error", FrameTimeout, "for a message that is not JSON");
        await live.SendAsync($$"""{"type":"subscribe","businesses":["{{UniqueWebhooks.PhoneNumberId}}"]}""");
        await live.NextAsync(frame => Type(frame) == "subscribed" && frame["businesses"]!.AsArray().Count == 1, FrameTimeout, "for the new subscription");
        var message = UniqueWebhooks.Text("after subscribing");
        await PostOkAsync(message.Body);

        await live.NextAsync(frame => IsMessage(frame, message.MessageId), FrameTimeout, "after subscribing over the socket");
        Assert.Contains("phone number id", (string?)error["message"], StringComparison.Ordinal);
        Assert.Contains("JSON", (string?)notJson["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_needs_an_api_key_a_websocket_and_valid_subscriptions()
    {
        var url = _cluster.GatewayUrl.Replace("http://", "ws://", StringComparison.Ordinal);
        using var anonymous = new ClientWebSocket();
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => anonymous.ConnectAsync(new Uri($"{url}/ws?{Business}"), CancellationToken.None));
        using var wrongKey = new ClientWebSocket();
        await Assert.ThrowsAsync<WebSocketException>(() => wrongKey.ConnectAsync(new Uri($"{url}/ws?access_token=wrong&{Business}"), CancellationToken.None));

        using var api = _cluster.CreateClient();
        using var plainGet = await api.GetAsync("/ws");
        using var badConversation = await api.GetAsync("/ws?conversation=no-separator");
        using var noKey = await _cluster.CreateClient(authenticated: false).GetAsync("/ws");

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, plainGet.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badConversation.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_while_another_gets_every_frame()
    {
        await using var fast = await LiveFeedClient.ConnectAsync(_cluster, Business);
        await fast.NextAsync(frame => Type(frame) == "subscribed", FrameTimeout, "for the fast client");
        await using var slow = await LiveFeedClient.ConnectAsync(_cluster, Business, read: false, receiveBufferBytes: 4096);
        // Frames of about 50 KB each (the text twice, escaped): a hundred fill the kernel buffers, then sends stall.
        var text = new string('é', 4000);
        var messages = Enumerable.Range(0, 600)
            .Select(i => (Contact: $"1777{i % 30:D7}", MessageId: $"wamid.slow.{Guid.NewGuid():N}", Text: text))
            .ToList();

        foreach (var batch in messages.Chunk(50))
        {
            await PostOkAsync(BatchWebhooks.Texts(batch));
        }

        var wanted = messages.Select(message => message.MessageId).ToHashSet(StringComparer.Ordinal);
        while (wanted.Count > 0)
        {
            var frame = await fast.NextAsync(frame => Type(frame) == "message.received", FrameTimeout, $"for the {wanted.Count} messages not seen yet");
            wanted.Remove((string)frame["message"]!["id"]!);
        }

        slow.StartReading();
        Assert.True(await slow.ClosedWithinAsync(TimeSpan.FromSeconds(20)), "The slow client was never disconnected.");
        Assert.Equal(WebSocketState.Open, fast.State);
        Assert.Contains("Disconnecting a live feed socket that fell", _cluster.Gateway!.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_shows_as_one_call_log_entry_that_changes_as_its_events_arrive()
    {
        var caller = UniqueWebhooks.Text("unused").ContactId;
        await using var live = await LiveFeedClient.ConnectAsync(_cluster, $"conversation={UniqueWebhooks.PhoneNumberId}:{caller}");
        await live.NextAsync(frame => Type(frame) == "subscribed", FrameTimeout, "confirming the subscription");

        await PostOkAsync(CallFixture("call-connect.json", caller));
        var ringing = await live.NextAsync(frame => Type(frame) == "message.changed", FrameTimeout, "for the call connect");
        await PostOkAsync(CallFixture("call-terminate.json", caller));
        var ended = await live.NextAsync(frame => Type(frame) == "message.changed", FrameTimeout, "for the call terminate");

        Assert.Equal(("call", "ringing"), ((string?)ringing["message"]!["type"], (string?)ringing["message"]!["content"]!["call"]!["outcome"]));
        Assert.Equal((string?)ringing["message"]!["id"], (string?)ended["message"]!["id"]);
        Assert.Equal(("connected", 95), ((string?)ended["message"]!["content"]!["call"]!["outcome"], (int)ended["message"]!["content"]!["call"]!["durationSeconds"]!));
        Assert.Equal("Incoming call, connected, 1:35", (string?)ended["message"]!["text"]);
    }

    // The shared call fixtures, for a caller of this test's own.
    private static byte[] CallFixture(string name, string caller) => System.Text.Encoding.UTF8.GetBytes(
        System.Text.Encoding.UTF8.GetString(WebhookFixtures.Read(name)).Replace("5511987654321", caller, StringComparison.Ordinal));

    private async Task PostOkAsync(byte[] body)
    {
        using var response = await _cluster.PostWebhookAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string? Type(JsonNode frame) => (string?)frame["type"];

    private static bool IsMessage(JsonNode frame, string messageId) =>
        Type(frame) == "message.received" && (string?)frame["message"]?["id"] == messageId;

    public sealed class Cluster : IAsyncLifetime
    {
        public LocalCluster Value { get; private set; } = null!;

        public async Task InitializeAsync() => Value = await LocalCluster.StartAsync(silos: 1, extraSettings: new Dictionary<string, string?>
        {
            ["LiveFeed__SocketBufferFrames"] = SocketBufferFrames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LiveFeed__SlowClientTimeout"] = "00:00:01",
        });

        public async Task DisposeAsync() => await Value.DisposeAsync();
    }
}
