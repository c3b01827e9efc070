using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace WaApp.WhatsApp.Graph.Media;

/// <summary>
/// Typed client of Meta's media endpoints. A separate <see cref="HttpClient"/> from sends: files take longer than
/// messages, and a media request is always safe to repeat (a lookup or download changes nothing; a repeated upload
/// only leaves an unused copy at Meta).
/// </summary>
public sealed class GraphMediaClient(HttpClient httpClient, IOptionsMonitor<GraphApiClientOptions> options) : IGraphMediaClient
{
    private const int CopyBufferBytes = 81_920;

    public async Task<MediaLookup> GetMediaAsync(string mediaId, string? phoneNumberId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.AccessToken))
        {
            return new MediaLookup.Failed("No access token is configured (WhatsApp__AccessToken).");
        }

        var path = $"{Uri.EscapeDataString(settings.ApiVersion)}/{Uri.EscapeDataString(mediaId)}";
        if (phoneNumberId is { Length: > 0 })
        {
            path += $"?phone_number_id={Uri.EscapeDataString(phoneNumberId)}";
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Root(settings), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return ReadLookup(body);
            }

            // Meta answers an unknown or expired id with a 400 (code 100); 5xx and 429 are worth another try.
            var status = (int)response.StatusCode;
            return status is >= 400 and < 500 and not 401 and not 429 and not 408
                ? new MediaLookup.Gone($"HTTP {status}: {ErrorMessage(body)}")
                : new MediaLookup.Failed($"HTTP {status}: {ErrorMessage(body)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new MediaLookup.Failed(exception is TaskCanceledException ? "The media lookup timed out." : $"The Graph API could not be reached: {exception.Message}");
        }
    }

    public async Task<MediaDownload> DownloadAsync(Uri url, long maxBytes, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(destination);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CurrentValue.AccessToken);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Gone)
            {
                return new MediaDownload.UrlExpired((int)response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new MediaDownload.Failed($"HTTP {(int)response.StatusCode} from the media URL.");
            }

            if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
            {
                return new MediaDownload.TooLarge(maxBytes);
            }

            await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[CopyBufferBytes];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return new MediaDownload.TooLarge(maxBytes);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return new MediaDownload.Downloaded(total);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new MediaDownload.Failed(exception is TaskCanceledException ? "The download timed out." : $"The download failed: {exception.Message}");
        }
    }

    public async Task<MediaUpload> UploadAsync(string phoneNumberId, Stream content, string mimeType, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumberId);
        ArgumentNullException.ThrowIfNull(content);
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.AccessToken))
        {
            return new MediaUpload.Failed("No access token is configured (WhatsApp__AccessToken).");
        }

        var file = new StreamContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(mimeType);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(mimeType), "type" },
            { file, "file", fileName },
        };
        var uri = new Uri(Root(settings), $"{Uri.EscapeDataString(settings.ApiVersion)}/{Uri.EscapeDataString(phoneNumberId)}/media");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return ReadString(body, "id") is { Length: > 0 } id ? new MediaUpload.Uploaded(id) : new MediaUpload.Failed("The Graph API answered 2xx without an id.");
            }

            var status = (int)response.StatusCode;
            if (status is >= 400 and < 500 and not 429 and not 408 && ReadError(body, response.StatusCode) is { } error)
            {
                return new MediaUpload.Refused(error);
            }

            return new MediaUpload.Failed($"HTTP {status}: {ErrorMessage(body)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new MediaUpload.Failed(exception is TaskCanceledException ? "The upload timed out." : $"The upload failed: {exception.Message}");
        }
    }

    private static Uri Root(GraphApiClientOptions settings) =>
        settings.GraphApiBaseUrl.AbsoluteUri.EndsWith('/') ? settings.GraphApiBaseUrl : new Uri(settings.GraphApiBaseUrl.AbsoluteUri + "/");

    private static MediaLookup ReadLookup(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                return new MediaLookup.Failed("The media lookup answered without a download URL.");
            }

            long? size = root.TryGetProperty("file_size", out var fileSize) && fileSize.ValueKind == JsonValueKind.Number && fileSize.TryGetInt64(out var bytes)
                ? bytes
                : fileSize.ValueKind == JsonValueKind.String && long.TryParse(fileSize.GetString(), out var parsed) ? parsed : null;
            return new MediaLookup.Found(uri, Text(root, "mime_type"), Text(root, "sha256"), size);
        }
        catch (JsonException)
        {
            return new MediaLookup.Failed("The media lookup answered with malformed JSON.");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? ReadString(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, name) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static GraphError? ReadError(string body, HttpStatusCode status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error) || !error.TryGetProperty("code", out var code) || !code.TryGetInt32(out var number))
            {
                return null;
            }

            string? details = error.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, "details") : null;
            return new GraphError(number, Text(error, "message") ?? $"Graph API error {number}", details, GraphErrorClassifier.Classify(number, status)) { HttpStatus = status };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ErrorMessage(string body)
    {
        var error = ReadError(body, HttpStatusCode.BadRequest);
        return error is null ? (body.Length <= 200 ? body : body[..200]) : $"({error.Code}) {error.Title}";
    }
}
