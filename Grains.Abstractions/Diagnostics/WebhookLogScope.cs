using System.Collections;

namespace WaApp.Grains.Abstractions.Diagnostics;

/// <summary>
/// The log scope state of one webhook (<c>WebhookId</c>), for <c>ILogger.BeginScope</c>: one small object where a
/// dictionary per webhook (and per grain call it causes) cost several allocations. Loggers read it as the list of
/// properties it is; <see cref="ToString"/> is what a provider that prints scopes as text shows.
/// </summary>
public sealed class WebhookLogScope(string webhookId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 1;

    public KeyValuePair<string, object> this[int index] => index == 0
        ? new KeyValuePair<string, object>(WebhookCorrelation.LogProperty, webhookId)
        : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{WebhookCorrelation.LogProperty}:{webhookId}";
}
