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

    /// <summary>Raised with the table's name for every request this sends itself (the SDK client's events see only its own).</summary>
    public event Action<string>? Sending;

    /// <summary>Writes the item: true when it was written, false when its condition failed.</summary>
    public Task<bool> PutAsync(PutItemRequest request, CancellationToken cancellationToken) => PutAsync(PutItemBody.Of(request), cancellationToken);

    /// <summary>Writes the item: true when it was written, false when its condition failed.</summary>
    public async Task<bool> PutAsync(PutItemBody request, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(request, cancellationToken);
        if (answer != Answer.Other)
        {
            return answer == Answer.Written;
        }

        try
        {
            await _sdk.PutItemAsync(request.ToRequest(), cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<Answer> SendAsync(PutItemBody request, CancellationToken cancellationToken)
    {
        var credentials = await CredentialsAsync();
        if (credentials is null || !request.CanWrite)
        {
            return Answer.Other;
        }

        var buffers = RequestBuffers.Rent();
        request.WriteTo(buffers.Json);
        buffers.Json.Flush();

        var amzDate = _signer.AmzDate(DateTime.UtcNow);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ReadOnlyMemoryContent(buffers.Body.WrittenMemory),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", SigV4Signer.ContentType);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", Target);
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        message.Headers.TryAddWithoutValidation("Authorization", _signer.Authorization(credentials, amzDate, _host, Target, buffers.Body.WrittenSpan));

        Sending?.Invoke(request.TableName);
        DynamoDBRequestMetrics.Count("PutItem", request.TableName);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

            // An answer means the store read the whole body; before one, the handler may still be sending it.
            var answer = response.StatusCode == HttpStatusCode.OK ? Answer.Written
                : response.StatusCode == HttpStatusCode.BadRequest && IsConditionFailure(await response.Content.ReadAsByteArrayAsync(cancellationToken)) ? Answer.ConditionFailed
                : Answer.Other;
            buffers.Return();
            return answer;
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
