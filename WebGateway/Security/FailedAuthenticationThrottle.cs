using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.Security;

/// <summary>
/// Slows down key guessing: after <see cref="ApiKeyOptions.FailedAttemptLimit"/> wrong keys from one address within
/// <see cref="ApiKeyOptions.FailedAttemptWindow"/>, every key that address presents (right or wrong) is refused with
/// 429 until the window ends, so a guesser cannot keep trying at full speed. Built on the fixed-window limiter that
/// ASP.NET Core rate limiting uses; only failures take permits, so a busy client with a good key is never slowed.
/// </summary>
public sealed class FailedAuthenticationThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _failures;

    public FailedAuthenticationThrottle(IOptions<ApiKeyOptions> options)
    {
        var (limit, window) = (options.Value.FailedAttemptLimit, options.Value.FailedAttemptWindow);
        _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(
            address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>How long <paramref name="address"/> must wait before presenting a key again; null when it may now.</summary>
    public TimeSpan? RetryAfter(IPAddress address)
    {
        // Asking for zero permits tells whether the address is at its limit without using any.
        using var lease = _failures.AttemptAcquire(address, 0);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <summary>Counts a wrong key from <paramref name="address"/>.</summary>
    public void Failed(IPAddress address)
    {
        using var lease = _failures.AttemptAcquire(address, 1);
    }

    public void Dispose() => _failures.Dispose();
}
