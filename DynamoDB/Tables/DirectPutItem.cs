using System.Buffers;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// Sends a <c>PutItem</c> straight over HTTP, signed with <see cref="SigV4Signer"/>, instead of through the SDK's
/// generic pipeline. The event store writes one item per webhook, and the SDK's marshalling, signing, header
/// dictionaries and endpoint rules were about 30 % of the bytes a webhook allocated (docs/performance.md, fifth pass):
/// the GC pauses those bytes cause are the light-load latency.
/// Only the plain answers are handled here, success and a failed condition. Anything else (throttling, a server error,
/// a validation error, a lost connection, a timeout) sends the request again through the SDK client, which retries,
/// backs off and raises the SDK's exceptions, as it would have for its own first try.
/// </summary>
public sealed class DirectPutItem : IDisposable
{
    private const string Target = "DynamoDB_20120810.PutItem";
    private const string ConditionFailedType = "ConditionalCheckFailedException";

    private readonly IAmazonDynamoDB _sdk;
    private readonly Func<AWSCredentials?> _credentials;
    private readonly Uri _endpoint;
    private readonly string _host;
    private readonly SigV4Signer _signer;
    private readonly HttpClient _http;

    internal DirectPutItem(IAmazonDynamoDB sdk, Func<AWSCredentials?> credentials, Uri endpoint, string signingRegion, TimeSpan timeout)
    {
        _sdk = sdk;
        _credentials = credentials;
        _endpoint = endpoint;
        _host = endpoint.IsDefaultPort ? endpoint.IdnHost : $"{endpoint.IdnHost}:{endpoint.Port}";
        _signer = new SigV4Signer(signingRegion, "dynamodb");
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = timeout,
        };
    }

    /// <summary>Raised for every request this sends itself (the SDK client's events see only its own).</summary>
    public event Action<PutItemRequest>? Sending;

    /// <summary>Writes the item: true when it was written, false when its condition failed.</summary>
    public async Task<bool> PutAsync(PutItemRequest request, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(request, cancellationToken);
        if (answer != Answer.Other)
        {
            return answer == Answer.Written;
        }

        try
        {
            await _sdk.PutItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<Answer> SendAsync(PutItemRequest request, CancellationToken cancellationToken)
    {
        var credentials = await CredentialsAsync();
        var body = new ArrayBufferWriter<byte>(1024);
        if (credentials is null || !PutItemJson.TryWrite(request, body))
        {
            return Answer.Other;
        }

        var amzDate = SigV4Signer.AmzDate(DateTime.UtcNow);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ReadOnlyMemoryContent(body.WrittenMemory),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", SigV4Signer.ContentType);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", Target);
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        message.Headers.TryAddWithoutValidation("Authorization", _signer.Authorization(credentials, amzDate, _host, Target, body.WrittenSpan));

        Sending?.Invoke(request);
        DynamoDBRequestMetrics.Count("PutItem", request.TableName);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return Answer.Written;
            }

            if (response.StatusCode == HttpStatusCode.BadRequest
                && IsConditionFailure(await response.Content.ReadAsByteArrayAsync(cancellationToken)))
            {
                return Answer.ConditionFailed;
            }

            return Answer.Other;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Lost connection or timeout: the write may or may not have happened; the SDK's retry sorts that out as
            // it would its own (a second try that meets our own item sees a failed condition, as with the SDK alone).
            return Answer.Other;
        }
    }

    // No credentials, or none to be had right now: the SDK's own try will say why.
    private async ValueTask<ImmutableCredentials?> CredentialsAsync()
    {
        try
        {
            return _credentials() is { } credentials ? await credentials.GetCredentialsAsync() : null;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    // {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"..."}
    private static bool IsConditionFailure(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("__type"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String
                        && reader.GetString() is { } type && type.EndsWith(ConditionFailedType, StringComparison.Ordinal);
                }
            }
        }
        catch (JsonException)
        {
            // Not DynamoDB's error JSON: let the SDK make sense of it.
        }

        return false;
    }

    public void Dispose() => _http.Dispose();

    private enum Answer
    {
        Written,
        ConditionFailed,
        Other,
    }
}
