using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WebGateway.Metrics;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// Sends each conversation's updates to its grain, all conversations in parallel, and reports whether every one
/// was durably stored within the acknowledge timeout.
/// </summary>
public sealed class WebhookDispatcher(IGrainFactory grains, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger, WebhookMetrics metrics)
{
    /// <summary>True when every batch is stored; false when storage or the cluster failed or was too slow.</summary>
    public async Task<bool> DispatchAsync(IReadOnlyList<ConversationBatch> batches, CancellationToken cancellationToken)
    {
        if (batches.Count == 0)
        {
            return true;
        }

        var all = Task.WhenAll(batches.Select(batch =>
            grains.GetGrain<IConversationGrain>(batch.Key.ToString()).IngestAsync(batch.Updates)));
        try
        {
            var results = await all.WaitAsync(options.Value.AcknowledgeTimeout, cancellationToken);
            metrics.Ingested(batches, results);
            return true;
        }
        catch (TimeoutException)
        {
            WebhookLog.StorageTooSlow(logger, batches.Count, options.Value.AcknowledgeTimeout);
            Observe(all);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WebhookLog.DispatchFailed(logger, batches.Count, exception);
            return false;
        }
    }

    // The grain calls go on after we answered 503; their outcome must not surface as an unobserved exception.
    private static void Observe(Task task) => task.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
}
