using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.LiveFeed;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.WebGateway.LiveFeed;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace WaApp.WebGateway.Tests.LiveFeed;

/// <summary>One <c>/ws</c> connection over a real loopback socket, with the hub driven by the test.</summary>
public sealed class LiveSocketTests
{
    private const string PhoneNumberId = "117283940561728";

    [Fact]
    public async Task Frames_that_arrive_while_the_subscription_takes_effect_do_not_make_the_client_too_slow()
    {
        var options = new LiveSocketOptions { SlowClientTimeout = TimeSpan.FromMilliseconds(200), SubscribeTimeout = TimeSpan.FromSeconds(60) };
        var hub = new LiveFeedHub(Options.Create(new JsonOptions()));
        var (server, client) = await ConnectedPairAsync();
        using (server)
        using (client)
        {
            var subscriptions = LiveSubscriptions.None.Change([PhoneNumberId], null, add: true, options.MaxSubscriptionsPerSocket, out _);
            var live = new LiveSocket(server, subscriptions, hub, options, NullLogger.Instance);
            var running = live.RunAsync(CancellationToken.None);

            // The cluster already sends this number's frames, but the registration confirms it only after longer than
            // the slow-client timeout: the client has not been sent anything yet, so it cannot be slow.
            await hub.ReceiveAsync([LiveFrame.ForSending(PhoneNumberId, DateTimeOffset.UtcNow, new SendingStatus("paused"))]);
            var queuedAt = Environment.TickCount64;
            while (Environment.TickCount64 - queuedAt <= 2 * (long)options.SlowClientTimeout.TotalMilliseconds)
            {
                await Task.Delay(20);
            }

            hub.MarkEffective([PhoneNumberId]);

            var first = Type(await ReceiveAsync(client));
            var second = Type(await ReceiveAsync(client));
            Assert.Equal(("sending.paused", "subscribed"), (first, second));
            Assert.Equal(WebSocketState.Open, client.State);
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static string? Type(JsonNode frame) => (string?)frame["type"];

    private static async Task<JsonNode> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        var length = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(buffer.AsSpan(0, length))!;
    }

    private static async Task<(WebSocket Server, WebSocket Client)> ConnectedPairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connecting = new TcpClient();
        await connecting.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepted = await listener.AcceptTcpClientAsync();
        var server = WebSocket.CreateFromStream(accepted.GetStream(), isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        var client = WebSocket.CreateFromStream(connecting.GetStream(), isServer: false, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        return (server, client);
    }
}
