using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Outbound;

/// <summary>
/// The two bounded lanes of a sender. <see cref="TryDequeue"/> serves <c>liveWeight</c> live messages for every
/// bulk message while both have work, and keeps each recipient's messages in order: a recipient with a request in
/// flight, on hold after a pair rate limit (131056), or with an earlier message waiting for its retry time is
/// skipped, and so are its later messages, while other recipients go ahead.
/// </summary>
public sealed class SendQueue(int liveCapacity, int bulkCapacity, int liveWeight)
{
    private readonly LinkedList<QueuedSend> _live = new();
    private readonly LinkedList<QueuedSend> _bulk = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _holds = new(StringComparer.Ordinal);
    private int _liveInARow;

    public int LiveCount => _live.Count;

    public int BulkCount => _bulk.Count;

    public int Count => _live.Count + _bulk.Count;

    public int Capacity(SendLane lane) => lane == SendLane.Live ? liveCapacity : bulkCapacity;

    /// <summary>Adds a new message at the end of its lane; false when the lane is full.</summary>
    public bool TryEnqueue(QueuedSend item)
    {
        var lane = LaneOf(item.Lane);
        if (lane.Count >= Capacity(item.Lane))
        {
            return false;
        }

        lane.AddLast(item);
        return true;
    }

    /// <summary>Puts a message that will be retried back at the head of its lane (capacity does not apply: it was already admitted).</summary>
    public void Requeue(QueuedSend item) => LaneOf(item.Lane).AddFirst(item);

    /// <summary>Keeps <paramref name="recipient"/> out of the next picks until <paramref name="until"/>.</summary>
    public void Hold(string recipient, DateTimeOffset until)
    {
        if (!_holds.TryGetValue(recipient, out var current) || current < until)
        {
            _holds[recipient] = until;
        }
    }

    public void MarkInFlight(string recipient) => _inFlight[recipient] = _inFlight.GetValueOrDefault(recipient) + 1;

    public void MarkDone(string recipient)
    {
        if (_inFlight.TryGetValue(recipient, out var count) && count > 1)
        {
            _inFlight[recipient] = count - 1;
        }
        else
        {
            _inFlight.Remove(recipient);
        }
    }

    /// <summary>
    /// The next message that may be sent at <paramref name="now"/>, removed from its lane; null when none may.
    /// <paramref name="retryAt"/> is then the earliest time a waiting message becomes eligible by the clock alone
    /// (null when only a finishing request can unblock one).
    /// </summary>
    public QueuedSend? TryDequeue(DateTimeOffset now, out DateTimeOffset? retryAt)
    {
        retryAt = null;
        var live = FindReady(_live, now, ref retryAt);
        var bulk = FindReady(_bulk, now, ref retryAt);
        LinkedListNode<QueuedSend>? chosen;
        if (live is not null && (bulk is null || _liveInARow < liveWeight))
        {
            chosen = live;
            _liveInARow = bulk is null ? 0 : _liveInARow + 1;
        }
        else
        {
            chosen = bulk;
            _liveInARow = 0;
        }

        if (chosen is null)
        {
            return null;
        }

        chosen.List!.Remove(chosen);
        return chosen.Value;
    }

    /// <summary>Removes and returns the messages that have waited since before <paramref name="cutoff"/>.</summary>
    public List<QueuedSend> RemoveEnqueuedBefore(DateTimeOffset cutoff)
    {
        List<QueuedSend> expired = [];
        foreach (var lane in (LinkedList<QueuedSend>[])[_live, _bulk])
        {
            for (var node = lane.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.EnqueuedAt < cutoff)
                {
                    expired.Add(node.Value);
                    lane.Remove(node);
                }

                node = next;
            }
        }

        return expired;
    }

    /// <summary>Removes and returns every waiting message.</summary>
    public List<QueuedSend> Drain()
    {
        List<QueuedSend> all = [.. _live, .. _bulk];
        _live.Clear();
        _bulk.Clear();
        return all;
    }

    private LinkedList<QueuedSend> LaneOf(SendLane lane) => lane == SendLane.Live ? _live : _bulk;

    private LinkedListNode<QueuedSend>? FindReady(LinkedList<QueuedSend> lane, DateTimeOffset now, ref DateTimeOffset? retryAt)
    {
        HashSet<string>? blocked = null;
        for (var node = lane.First; node is not null; node = node.Next)
        {
            var item = node.Value;
            if (blocked?.Contains(item.Recipient) == true || _inFlight.ContainsKey(item.Recipient))
            {
                continue;
            }

            var eligibleAt = item.NotBefore;
            if (_holds.TryGetValue(item.Recipient, out var heldUntil))
            {
                if (heldUntil <= now)
                {
                    _holds.Remove(item.Recipient);
                }
                else if (heldUntil > eligibleAt)
                {
                    eligibleAt = heldUntil;
                }
            }

            if (eligibleAt <= now)
            {
                return node;
            }

            retryAt = retryAt is { } earliest && earliest < eligibleAt ? earliest : eligibleAt;
            (blocked ??= new HashSet<string>(StringComparer.Ordinal)).Add(item.Recipient);
        }

        return null;
    }
}
