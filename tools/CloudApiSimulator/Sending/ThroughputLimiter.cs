using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Options;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary>Meta's per-number throughput limit: at most N accepted messages in any one-second window.</summary>
public sealed class ThroughputLimiter(IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Queue<DateTimeOffset>> _accepted = [];
    private readonly Lock _lock = new();

    /// <summary>Takes a slot for one message from <paramref name="phoneNumberId"/> at <paramref name="now"/>; false means 130429.</summary>
    public bool TryAcquire(string phoneNumberId, out DateTimeOffset now)
    {
        now = time.GetUtcNow();
        var limit = options.CurrentValue.RateLimitPerSecond;
        if (limit == 0)
        {
            return true;
        }

        lock (_lock)
        {
            if (!_accepted.TryGetValue(phoneNumberId, out var recent))
            {
                _accepted[phoneNumberId] = recent = new Queue<DateTimeOffset>();
            }

            while (recent.Count > 0 && now - recent.Peek() >= Window)
            {
                recent.Dequeue();
            }

            if (recent.Count >= limit)
            {
                return false;
            }

            // Stamped inside the lock so the recorded times of accepted messages are ordered like the queue.
            now = time.GetUtcNow();
            recent.Enqueue(now);
            return true;
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _accepted.Clear();
        }
    }
}
