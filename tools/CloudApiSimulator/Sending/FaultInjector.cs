using System.Text.Json.Serialization;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary>The faults a chaos test can queue for the next sends.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>HTTP 500 with a Graph error body (code 131000): a definite, retryable failure.</summary>
    ServerError,

    /// <summary>HTTP 502 without a body: the client cannot know whether the message went out.</summary>
    BadGateway,

    /// <summary>The response is held for <c>FaultTimeout</c> and nothing is sent.</summary>
    TimeoutBeforeAccept,

    /// <summary>The message is accepted (statuses follow) but the response is held for <c>FaultTimeout</c>: the ambiguous case.</summary>
    TimeoutAfterAccept,

    /// <summary>HTTP 429 with code 130429, as if the number's throughput limit were hit: the sender must back off.</summary>
    RateLimited,

    /// <summary>HTTP 400 with code 131056 (pair rate limit): only this recipient must wait.</summary>
    PairRateLimited,

    /// <summary>HTTP 401 with code 190 (access token expired): nothing from the number succeeds until the token is replaced.</summary>
    TokenExpired,

    /// <summary>HTTP 400 with code 131031 (business account locked): stop every send of the number.</summary>
    AccountLocked,

    /// <summary>HTTP 400 with code 131042 (payment problem): stop every send of the number.</summary>
    BillingProblem,

    /// <summary>HTTP 400 with code 368 (temporarily blocked for policy violations): stop every send of the number.</summary>
    PolicyBlocked,

    /// <summary>HTTP 400 with code 131049 (per-user marketing cap): do not resend the same marketing message at once.</summary>
    MarketingCapped,

    /// <summary>HTTP 400 with code 131050 (the user stopped marketing messages): no more marketing to this user.</summary>
    MarketingStopped,
}

/// <summary>A queue of faults; each send to <c>/messages</c> consumes at most one.</summary>
public sealed class FaultInjector
{
    private readonly Queue<FaultKind> _pending = new();
    private readonly Lock _lock = new();

    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void Add(FaultKind kind, int count)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _pending.Enqueue(kind);
            }
        }
    }

    public FaultKind? TakeNext()
    {
        lock (_lock)
        {
            return _pending.TryDequeue(out var kind) ? kind : null;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
        }
    }
}
