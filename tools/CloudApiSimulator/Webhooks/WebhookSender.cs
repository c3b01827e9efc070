using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Options;

namespace WaApp.CloudApiSimulator.Webhooks;

/// <summary>One webhook POST the simulator made to the gateway.</summary>
public sealed record WebhookDelivery(DateTimeOffset At, string Kind, string MessageId, string? Status, int Attempt, int? ResponseStatus, string? Failure);

/// <summary>
/// POSTs signed webhooks (<c>X-Hub-Signature-256</c> over the exact bytes) to the configured gateway and retries
/// non-2xx answers with a doubling delay, like Meta. Meta also delivers a webhook it already delivered again now and
/// then ("webhooks may be sent more than once"): <see cref="RedeliverAsync"/> re-sends the last one about a subject,
/// byte for byte.
/// </summary>
public sealed class WebhookSender(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<SimulatorOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "webhooks";

    // The last webhook about each subject (message or template id), for redelivery; bounded by clearing it when full.
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentQueue<WebhookDelivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, (string Kind, string? Status, byte[] Body)> _lastBySubject = new(StringComparer.Ordinal);

    public IReadOnlyList<WebhookDelivery> Deliveries => [.. _deliveries];

    public bool IsConfigured => options.CurrentValue.WebhookUrl is not null;

    public void Clear()
    {
        _deliveries.Clear();
        _lastBySubject.Clear();
    }

    /// <summary>Sends the last webhook about <paramref name="subjectId"/> again, unchanged (one attempt); false when none was sent.</summary>
    public async Task<(bool Found, int? Status)> RedeliverAsync(string subjectId, CancellationToken cancellationToken)
    {
        if (!_lastBySubject.TryGetValue(subjectId, out var last))
        {
            return (false, null);
        }

        return (true, await SendAsync(last.Kind, subjectId, last.Status, last.Body, retry: false, cancellationToken));
    }

    /// <summary>Delivers <paramref name="payload"/>; returns the gateway's last HTTP status, or null if none answered.</summary>
    public async Task<int?> DeliverAsync(string kind, string messageId, string? status, JsonNode payload, bool retry, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.WebhookUrl is null)
        {
            SimulatorLog.WebhookSkipped(logger, kind);
            return null;
        }

        var body = MetaJson.Serialize(payload);
        if (_lastBySubject.Count >= MaxRemembered)
        {
            _lastBySubject.Clear();
        }

        _lastBySubject[messageId] = (kind, status, body);
        return await SendAsync(kind, messageId, status, body, retry, cancellationToken);
    }

    private async Task<int?> SendAsync(string kind, string messageId, string? status, byte[] body, bool retry, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var url = settings.WebhookUrl!;
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.AppSecret), body));
        var attempts = retry ? settings.WebhookRetryCount + 1 : 1;
        var delay = settings.WebhookRetryDelay;
        int? lastStatus = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            string? failure = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Hub-Signature-256", signature);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.WebhookTimeout);
                using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
                lastStatus = (int)response.StatusCode;
            }
            catch (HttpRequestException exception)
            {
                failure = exception.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"No answer within {settings.WebhookTimeout}.";
            }

            _deliveries.Enqueue(new WebhookDelivery(time.GetUtcNow(), kind, messageId, status, attempt, failure is null ? lastStatus : null, failure));
            if (failure is null && lastStatus is >= 200 and < 300)
            {
                SimulatorLog.WebhookDelivered(logger, kind, status, lastStatus.Value, attempt);
                return lastStatus;
            }

            SimulatorLog.WebhookFailed(logger, kind, status, failure is null ? lastStatus : null, failure, attempt, attempts);
            if (failure is not null)
            {
                lastStatus = null;
            }

            if (attempt < attempts)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }

        return lastStatus;
    }
}
