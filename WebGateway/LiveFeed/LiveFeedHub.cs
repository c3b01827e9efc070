using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.LiveFeed;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace WaApp.WebGateway.LiveFeed;

/// <summary>
/// This gateway's end of the live feed: the cluster calls it (as an Orleans observer) with frames, and it copies
/// each frame, serialized once, into the bounded buffer of every socket that watches its business or conversation.
/// </summary>
public sealed class LiveFeedHub(IOptions<JsonOptions> json) : ILiveFeedObserver
{
    private static readonly TimeSpan EffectivePollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<LiveSocket, byte> _sockets = new();
    private readonly SemaphoreSlim _changed = new(0, 1);
    private volatile HashSet<string> _effective = new(StringComparer.Ordinal);

    public int SocketCount => _sockets.Count;

    public JsonSerializerOptions SerializerOptions => json.Value.SerializerOptions;

    /// <summary>Businesses any open socket watches (what the cluster should send here).</summary>
    public IReadOnlyList<string> WatchedBusinesses() =>
        [.. _sockets.Keys.SelectMany(socket => socket.Subscriptions.WatchedBusinesses).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public void Add(LiveSocket socket)
    {
        _sockets.TryAdd(socket, 0);
        SubscriptionsChanged();
    }

    public void Remove(LiveSocket socket)
    {
        if (_sockets.TryRemove(socket, out _))
        {
            SubscriptionsChanged();
        }
    }

    public void SubscriptionsChanged()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another change already woke the registration.
            }
        }
    }

    /// <summary>Whether every silo already sends frames of all <paramref name="businesses"/> here.</summary>
    public bool IsEffective(IEnumerable<string> businesses)
    {
        var effective = _effective;
        return businesses.All(effective.Contains);
    }

    /// <summary>Called by the registration once the cluster sends frames of exactly these businesses here.</summary>
    public void MarkEffective(IReadOnlyList<string> businesses) => _effective = new HashSet<string>(businesses, StringComparer.Ordinal);

    /// <summary>
    /// Waits until the cluster sends frames of every business in <paramref name="subscriptions"/> here, so that a
    /// client told "subscribed" misses nothing stored after that; gives up after <paramref name="timeout"/>
    /// (the cluster is unreachable) and returns false.
    /// </summary>
    public async Task<bool> WhenEffectiveAsync(LiveSubscriptions subscriptions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!IsEffective(subscriptions.WatchedBusinesses))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(EffectivePollInterval, cancellationToken);
        }

        return true;
    }

    /// <summary>Waits until subscriptions change or <paramref name="interval"/> passes.</summary>
    public Task WaitForChangeAsync(TimeSpan interval, CancellationToken cancellationToken) => _changed.WaitAsync(interval, cancellationToken);

    public Task ReceiveAsync(IReadOnlyList<LiveFrame> frames)
    {
        if (_sockets.IsEmpty)
        {
            return Task.CompletedTask;
        }

        foreach (var frame in frames)
        {
            var conversationId = frame.Conversation is { } conversation ? $"{frame.PhoneNumberId}:{conversation.ContactId}" : null;
            byte[]? payload = null;
            foreach (var socket in _sockets.Keys)
            {
                if ((conversationId is null ? socket.Subscriptions.WantsBusiness(frame.PhoneNumberId) : socket.Subscriptions.Wants(frame.PhoneNumberId, conversationId)) && socket.MayWatch(frame.PhoneNumberId))
                {
                    payload ??= JsonSerializer.SerializeToUtf8Bytes(LiveFrameMessage.From(frame), SerializerOptions);
                    socket.Enqueue(payload);
                }
            }
        }

        return Task.CompletedTask;
    }
}
