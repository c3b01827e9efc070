using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd.LiveFeed;

/// <summary>A real WebSocket client of the gateway's <c>/ws</c> that collects the JSON frames it receives.</summary>
internal sealed class LiveFeedClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly HttpMessageInvoker _invoker;
    private readonly Channel<JsonNode> _frames = Channel.CreateUnbounded<JsonNode>();
    private Task _receiving = Task.CompletedTask;
    private Exception? _ended;
    private LocalCluster? _cluster;

    private LiveFeedClient(int? receiveBufferBytes)
    {
        var handler = new SocketsHttpHandler();
        if (receiveBufferBytes is { } bytes)
        {
            // A tiny kernel receive buffer makes a client that does not read back up the server quickly.
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = bytes };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        _invoker = new HttpMessageInvoker(handler);
    }

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Connects with the cluster's API key; <paramref name="query"/> adds subscriptions (e.g. <c>business=…</c>).</summary>
    /// <param name="read">False for a client that never reads (it is read only when <see cref="StartReading"/> is called).</param>
    public static async Task<LiveFeedClient> ConnectAsync(LocalCluster cluster, string query, bool read = true, int? receiveBufferBytes = null)
    {
        var client = new LiveFeedClient(receiveBufferBytes) { _cluster = cluster };
        var uri = new Uri($"{cluster.GatewayUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/ws?access_token={LocalCluster.ApiKey}&{query}");
        await client._socket.ConnectAsync(uri, client._invoker, CancellationToken.None);
        if (read)
        {
            client.StartReading();
        }

        return client;
    }

    public void StartReading() => _receiving = ReceiveLoopAsync();

    public async Task SendAsync(string json) =>
        await _socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next frame that matches, skipping others; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonNode> NextAsync(Func<JsonNode, bool> match, TimeSpan timeout, string what)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var frame = await _frames.Reader.ReadAsync(cancellation.Token);
                if (match(frame))
                {
                    return frame;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No frame {what} within {timeout}.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException(
                $"The socket closed ({_socket.CloseStatus} {_socket.CloseStatusDescription}) before a frame {what} arrived. " +
                $"The gateway's last lines:{Environment.NewLine}{_cluster?.Gateway?.RecentOutput}", _ended);
        }
    }

    /// <summary>Waits until the server has closed or dropped the connection.</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_receiving, Task.Delay(timeout));
        return finished == _receiving;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // The server is gone or slow to answer: abort below.
            }
        }

        _socket.Abort();
        await _receiving.ConfigureAwait(false);
        _socket.Dispose();
        _invoker.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _frames.Writer.TryWrite(JsonNode.Parse(message.ToArray())!);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception exception)
        {
            // Dropped by the server (a slow client) or disposed by the test; kept so a test that did not expect the
            // end can say how it ended.
            _ended = exception;
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
