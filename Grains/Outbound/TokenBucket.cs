namespace WaApp.Grains.Outbound;

/// <summary>
/// A token bucket that refills at a steady rate. Its capacity is a fiftieth of a second's worth, at least two tokens:
/// sends are spread evenly, a one-second window sees at most <see cref="Capacity"/> over the rate, high rates still
/// work with coarse timers, and a late timer does not lose the slot it was waiting for.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private double _tokens;
    private DateTimeOffset _updatedAt;

    public TokenBucket(int perSecond, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        _perSecond = perSecond;
        _capacity = Math.Max(2, perSecond / 50);
        _tokens = 1;
        _updatedAt = now;
    }

    public int PerSecond => (int)_perSecond;

    /// <summary>The most tokens the bucket holds: the largest burst.</summary>
    public int Capacity => (int)_capacity;

    /// <summary>True when a token is available at <paramref name="now"/>; otherwise <paramref name="wait"/> says how long until one is.</summary>
    public bool IsAvailable(DateTimeOffset now, out TimeSpan wait)
    {
        Refill(now);
        wait = _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
        return _tokens >= 1;
    }

    /// <summary>Takes one token; callers check <see cref="IsAvailable"/> first.</summary>
    public void Take(DateTimeOffset now)
    {
        Refill(now);
        if (_tokens < 1)
        {
            throw new InvalidOperationException("No token is available.");
        }

        _tokens -= 1;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _updatedAt)
        {
            _tokens = Math.Min(_capacity, _tokens + ((now - _updatedAt).TotalSeconds * _perSecond));
            _updatedAt = now;
        }
    }
}
