using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WaApp.WebGateway.Metrics;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// The <c>POST /webhook</c> rate-limiting policy: at most <see cref="WebhookOptions.MaxConcurrentRequests"/> webhooks
/// are read and stored at once, a few more wait, and the rest get 503 with <c>Retry-After</c> before their body is
/// read, so a flood of large or slow bodies costs Meta a retry instead of costing the gateway its memory.
/// </summary>
internal sealed class WebhookConcurrencyPolicy(IOptions<WebhookOptions> options, WebhookMetrics metrics) : IRateLimiterPolicy<string>
{
    public const string Name = "webhook";

    // Waiting requests have not read their bodies, so they cost a connection, not memory: the queue absorbs Meta's
    // bursts (and a load test's 64 connections) instead of answering them 503.
    private const int QueueLimit = 256;

    // Meta's own backoff decides its retries; other senders learn that the limit clears within seconds.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // Every webhook shares one partition, made once: a partition per request would allocate its factory each time.
    private readonly RateLimitPartition<string> _partition = RateLimitPartition.GetConcurrencyLimiter(Name, _ => new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentRequests,
        QueueLimit = QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => _partition;

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        metrics.Busy();
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many webhooks at once",
            detail: "The gateway is working on as many webhooks as it may; retry the delivery.").ExecuteAsync(http);
    }
}
