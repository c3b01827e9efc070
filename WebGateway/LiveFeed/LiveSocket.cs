using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace WaApp.WebGateway.LiveFeed;

/// <summary>
/// One <c>/ws</c> connection: a bounded buffer of serialized frames drained by a send loop, and a receive loop for
/// subscribe/unsubscribe requests. A client that lets the buffer fill is dropped instead of slowing anyone else.
/// </summary>
public sealed class LiveSocket
{
    private readonly WebSocket _socket;
    private readonly LiveFeedHub _hub;
    private readonly LiveSocketOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _outbox;
    private readonly CancellationTokenSource _stop = new();
    private int _tooSlow;
    private int _waiting;
    private long _lastProgress;

    // Set once the send loop runs. Frames queue while the subscription is confirmed (the cluster may deliver some
    // before it says the subscription is in effect); the client cannot be slow at taking frames nobody sends yet.
    private int _sending;
    private long _framesSent;

    public LiveSocket(WebSocket socket, LiveSubscriptions subscriptions, LiveFeedHub hub, LiveSocketOptions options, ILogger logger, Func<string, bool>? mayWatch = null)
    {
        MayWatch = mayWatch ?? (static _ => true);
        _socket = socket;
        _hub = hub;
        _options = options;
        _logger = logger;
        Subscriptions = subscriptions;
        _outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        _lastProgress = Environment.TickCount64;
    }

    /// <summary>
    /// Whether the caller may see frames of a business number (tenant isolation): checked per frame, so a frame of
    /// another tenant's number is never sent even if the socket subscribed to it, and a revoked key gets nothing more.
    /// </summary>
    public Func<string, bool> MayWatch { get; }

    /// <summary>Replaced as a whole on change, so the hub reads a consistent set without locks.</summary>
    public LiveSubscriptions Subscriptions { get; private set; }

    /// <summary>
    /// Queues a frame. A burst (one call from the cluster may carry hundreds) is fine for a client that keeps reading;
    /// a client is too slow once <see cref="LiveSocketOptions.SocketBufferFrames"/> frames wait, or frames have waited
    /// for <see cref="LiveSocketOptions.SlowClientTimeout"/> without the socket taking any.
    /// </summary>
    public void Enqueue(byte[] payload)
    {
        var now = Environment.TickCount64;
        var waiting = Interlocked.Increment(ref _waiting);
        if (waiting == 1)
        {
            Volatile.Write(ref _lastProgress, now);
        }

        var stalled = Volatile.Read(ref _sending) == 1
            && now - Volatile.Read(ref _lastProgress) > (long)_options.SlowClientTimeout.TotalMilliseconds;
        if (waiting <= _options.SocketBufferFrames && !stalled && _outbox.Writer.TryWrite(payload))
        {
            return;
        }

        Interlocked.Decrement(ref _waiting);
        if (Volatile.Read(ref _tooSlow) == 0 && Interlocked.Exchange(ref _tooSlow, 1) == 0)
        {
            LiveFeedLog.TooSlow(_logger, waiting);
            _hub.Remove(this);
            _outbox.Writer.TryComplete();
            // The close handshake needs the client to read; past the timeout the connection is simply dropped.
            _stop.CancelAfter(_options.CloseTimeout);
        }
    }

    public async Task RunAsync(CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _stop.Token);
        _hub.Add(this);
        LiveFeedLog.Opened(_logger, Subscriptions.Businesses.Count, Subscriptions.Conversations.Count, _hub.SocketCount);
        try
        {
            Reply(await SubscribedAsync(linked.Token));
            var sending = SendLoopAsync(linked.Token);
            var receiving = ReceiveLoopAsync(linked.Token);
            await Task.WhenAny(sending, receiving);
            _outbox.Writer.TryComplete();
            await _stop.CancelAsync();
            await Task.WhenAll(sending, receiving);
        }
        finally
        {
            _hub.Remove(this);
            if (_socket.State != WebSocketState.Closed)
            {
                _socket.Abort();
            }

            // _stop is not disposed: a frame racing the close may still call Enqueue, and must not throw.
            LiveFeedLog.Closed(_logger, _framesSent, _hub.SocketCount);
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        // What waits from before now has waited for the server, not the client: its clock starts here.
        Volatile.Write(ref _lastProgress, Environment.TickCount64);
        Volatile.Write(ref _sending, 1);
        try
        {
            await foreach (var payload in _outbox.Reader.ReadAllAsync(cancellationToken))
            {
                if (Volatile.Read(ref _tooSlow) == 1)
                {
                    break;
                }

                await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                Volatile.Write(ref _lastProgress, Environment.TickCount64);
                Interlocked.Decrement(ref _waiting);
                _framesSent++;
            }

            if (Volatile.Read(ref _tooSlow) == 1)
            {
                await _socket.CloseOutputAsync(
                    WebSocketCloseStatus.PolicyViolation,
                    "Too slow: frames were dropped. Reconnect and re-fetch.",
                    cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away or was dropped for being slow.
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[_options.MaxClientMessageBytes];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {buffer.Length} bytes.", cancellationToken);
                        return;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    }

                    return;
                }

                var error = result.MessageType == WebSocketMessageType.Text ? Handle(buffer.AsSpan(0, length)) : Error("Send JSON text messages.");
                if (error is not null)
                {
                    Reply(error);
                }
                else
                {
                    Reply(await SubscribedAsync(cancellationToken));
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away.
        }
    }

    /// <summary>Applies a subscribe/unsubscribe request: null when applied (the caller confirms it), else the error to send.</summary>
    private LiveError? Handle(ReadOnlySpan<byte> message)
    {
        LiveRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<LiveRequest>(message, _hub.SerializerOptions);
        }
        catch (JsonException)
        {
            return Error("Not JSON: send {\"type\":\"subscribe\",\"businesses\":[...],\"conversations\":[...]}.");
        }

        var add = request?.Type switch
        {
            "subscribe" => true,
            "unsubscribe" => false,
            _ => (bool?)null,
        };
        if (add is null)
        {
            return Error("Unknown type: use \"subscribe\" or \"unsubscribe\".");
        }

        var next = Subscriptions.Change(request!.Businesses, request.Conversations, add.Value, _options.MaxSubscriptionsPerSocket, out var problem);
        if (problem is not null)
        {
            return Error(problem);
        }

        Subscriptions = next;
        _hub.SubscriptionsChanged();
        return null;
    }

    private void Reply(object message) => Enqueue(JsonSerializer.SerializeToUtf8Bytes(message, _hub.SerializerOptions));

    /// <summary>The confirmation, sent once the cluster delivers what was asked for (or when it cannot be reached).</summary>
    private async Task<LiveReply> SubscribedAsync(CancellationToken cancellationToken)
    {
        var subscriptions = Subscriptions;
        var effective = await _hub.WhenEffectiveAsync(subscriptions, _options.SubscribeTimeout, cancellationToken);
        return new LiveReply(
            "subscribed",
            [.. subscriptions.Businesses.Order(StringComparer.Ordinal)],
            [.. subscriptions.Conversations.Order(StringComparer.Ordinal)],
            effective);
    }

    private static LiveError Error(string message) => new("error", message);

    private sealed record LiveRequest(string? Type, IReadOnlyList<string>? Businesses, IReadOnlyList<string>? Conversations);

    /// <param name="Live">False when the cluster could not be reached in time: frames may be missing until it can.</param>
    private sealed record LiveReply(string Type, IReadOnlyList<string> Businesses, IReadOnlyList<string> Conversations, bool Live);

    private sealed record LiveError(string Type, string Message);
}
