using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Typed client of <c>POST /{version}/{phone-number-id}/messages</c>. It turns every answer, timeout and transport
/// failure into a <see cref="SendResult"/>: a POST that may have reached Meta is never reported as failed, because
/// the Messages API has no idempotency key and a blind resend could deliver twice.
/// </summary>
public sealed class GraphApiClient(
    HttpClient httpClient,
    IOptionsMonitor<GraphApiClientOptions> options,
    ILogger<GraphApiClient> logger,
    IAccessTokenSource? tokens = null) : IGraphApiClient
{
    public async Task<SendResult> SendMessageAsync(string phoneNumberId, SendMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumberId);
        ArgumentNullException.ThrowIfNull(request);

        var exchange = await PostAsync(phoneNumberId, request, GraphJsonContext.Default.SendMessageRequest, cancellationToken);
        SendResult result = exchange switch
        {
            Exchange.Answered { IsSuccess: true } answer => ReadAccepted(answer.Body),
            Exchange.Answered answer => ReadError(answer) is { } error ? new SendResult.Failed(error) : new SendResult.Unknown(UnknownReason(answer)),
            Exchange.NotSent notSent => new SendResult.Failed(notSent.Error),
            Exchange.Ambiguous ambiguous => new SendResult.Unknown(ambiguous.Reason),
            _ => throw new InvalidOperationException("Unexpected exchange outcome."),
        };

        switch (result)
        {
            case SendResult.Accepted:
                GraphApiLog.Accepted(logger, request.Type, phoneNumberId);
                break;
            case SendResult.Failed failed:
                GraphApiLog.Refused(logger, request.Type, phoneNumberId, failed.Code, failed.Class, (int?)failed.Error.HttpStatus, failed.Error.FbTraceId);
                break;
            case SendResult.Unknown unknown:
                GraphApiLog.OutcomeUnknown(logger, request.Type, phoneNumberId, unknown.Reason);
                break;
        }

        return result;
    }

    public async Task<ReadReceiptResult> MarkAsReadAsync(string phoneNumberId, MarkAsReadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumberId);
        ArgumentNullException.ThrowIfNull(request);

        var exchange = await PostAsync(phoneNumberId, request, GraphJsonContext.Default.MarkAsReadRequest, cancellationToken);
        return exchange switch
        {
            Exchange.Answered { IsSuccess: true } answer => TryDeserialize(answer.Body, GraphJsonContext.Default.SuccessResponse) is { Success: true }
                ? new ReadReceiptResult.Succeeded()
                : new ReadReceiptResult.Unknown("The Graph API answered 2xx without \"success\":true."),
            Exchange.Answered answer => ReadError(answer) is { } error ? new ReadReceiptResult.Failed(error) : new ReadReceiptResult.Unknown(UnknownReason(answer)),
            Exchange.NotSent notSent => new ReadReceiptResult.Failed(notSent.Error),
            Exchange.Ambiguous ambiguous => new ReadReceiptResult.Unknown(ambiguous.Reason),
            _ => throw new InvalidOperationException("Unexpected exchange outcome."),
        };
    }

    /// <summary>True when the exception proves the request never reached the server, so sending it again is safe.</summary>
    internal static bool NeverReachedServer(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError;

    private async Task<Exchange> PostAsync<TRequest>(string phoneNumberId, TRequest body, JsonTypeInfo<TRequest> typeInfo, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        // A number registered with its own business account's token sends with it; others with the configured one.
        var accessToken = (tokens is null ? null : await tokens.GetAccessTokenAsync(phoneNumberId, cancellationToken)) ?? settings.AccessToken;
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            GraphApiLog.NoAccessToken(logger, phoneNumberId);
            return new Exchange.NotSent(new GraphError(GraphError.NoGraphCode, "No access token is configured.", "Set WhatsApp__AccessToken.", GraphErrorClass.StopSending));
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, MessagesUri(settings, phoneNumberId))
        {
            Content = JsonContent.Create(body, typeInfo),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        try
        {
            using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Exchange.Answered(response.StatusCode, text);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException)
        {
            return new Exchange.Ambiguous($"No answer within {settings.RequestTimeout}.");
        }
        catch (HttpRequestException exception) when (NeverReachedServer(exception))
        {
            GraphApiLog.Unreachable(logger, phoneNumberId, exception.Message);
            return new Exchange.NotSent(new GraphError(GraphError.NoGraphCode, "The Graph API could not be reached.", exception.Message, GraphErrorClass.RetryWithBackoff));
        }
        catch (HttpRequestException exception)
        {
            return new Exchange.Ambiguous($"The connection failed after the request was sent ({exception.HttpRequestError}): {exception.Message}");
        }
        catch (OperationCanceledException)
        {
            return new Exchange.Ambiguous("The request was cancelled by the HTTP stack before an answer arrived.");
        }
    }

    private static Uri MessagesUri(GraphApiClientOptions settings, string phoneNumberId)
    {
        var root = settings.GraphApiBaseUrl.AbsoluteUri.EndsWith('/') ? settings.GraphApiBaseUrl : new Uri(settings.GraphApiBaseUrl.AbsoluteUri + "/");
        return new Uri(root, $"{Uri.EscapeDataString(settings.ApiVersion)}/{Uri.EscapeDataString(phoneNumberId)}/messages");
    }

    private static SendResult ReadAccepted(string body)
    {
        var response = TryDeserialize(body, GraphJsonContext.Default.SendMessageResponse);
        var message = response?.Messages?.FirstOrDefault();
        if (message?.Id is not { Length: > 0 } messageId)
        {
            // Meta said yes but we cannot tell to what: the message may well be on its way.
            return new SendResult.Unknown("The Graph API answered 2xx without messages[0].id.");
        }

        var contact = response!.Contacts?.FirstOrDefault();
        return new SendResult.Accepted(messageId, contact?.WaId)
        {
            MessageStatus = message.MessageStatus,
            UserId = contact?.UserId,
        };
    }

    /// <summary>A Graph error body, or a definite HTTP refusal; null when the answer leaves the outcome open.</summary>
    private static GraphError? ReadError(Exchange.Answered answer)
    {
        var body = TryDeserialize(answer.Body, GraphJsonContext.Default.GraphErrorResponse)?.Error;
        if (body?.Code is { } code)
        {
            return new GraphError(code, body.Message ?? body.ErrorUserTitle ?? $"Graph API error {code}", body.ErrorData?.Details, GraphErrorClassifier.Classify(code, answer.Status))
            {
                HttpStatus = answer.Status,
                Type = body.Type,
                FbTraceId = body.FbtraceId,
            };
        }

        var status = (int)answer.Status;
        if (status >= 500 || answer.Status == HttpStatusCode.RequestTimeout)
        {
            // A proxy or load balancer gave up; Meta may have processed the request behind it.
            return null;
        }

        return new GraphError(
            GraphError.NoGraphCode,
            $"HTTP {status} {answer.Status} without a Graph API error body.",
            Truncate(answer.Body),
            GraphErrorClassifier.Classify(GraphError.NoGraphCode, answer.Status))
        {
            HttpStatus = answer.Status,
        };
    }

    private static string UnknownReason(Exchange.Answered answer) =>
        $"HTTP {(int)answer.Status} {answer.Status} without a Graph API error body.";

    private static T? TryDeserialize<T>(string body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Truncate(string body) => body.Length <= 300 ? body : body[..300];

    /// <summary>What happened on the wire, before it is read as a send or read-receipt outcome.</summary>
    private abstract record Exchange
    {
        public sealed record Answered(HttpStatusCode Status, string Body) : Exchange
        {
            public bool IsSuccess => (int)Status is >= 200 and < 300;
        }

        public sealed record NotSent(GraphError Error) : Exchange;

        public sealed record Ambiguous(string Reason) : Exchange;
    }
}
