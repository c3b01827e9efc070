using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Amazon.S3;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Media;
using WaApp.ServiceDefaults.Media;
using WaApp.WebGateway.Media;
using WaApp.WebGateway.Security;
using WaApp.WhatsApp.Graph.Media;
using ContentDispositionHeaderValue = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue;

namespace WaApp.WebGateway.Api;

/// <summary>
/// Media under <c>/api/v1</c>: a customer's file served from the bucket (bytes, never rendered as a page), a failed
/// fetch retried, and the business's uploads (checked by content, stored, then uploaded to Meta for sending by id).
/// </summary>
public static class MediaEndpoints
{
    /// <summary>A multipart upload may carry Meta's largest file (a 100 MB document) plus the form's own bytes.</summary>
    public const long UploadBodyBytes = MediaLimits.MaxBytes + (1024 * 1024);

    private const int SniffBytes = 64;

    public static RouteGroupBuilder MapMediaApi(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/conversations/{phoneNumberId}/{contactId}/messages/{messageId}/media").WithTags("Media");
        messages.MapGet("", GetMediaAsync)
            .AllowReadOnlyKeys()
            .WithName("GetMessageMedia")
            .WithSummary("The file of a media message, as stored in the business's bucket (range requests for audio and video).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        messages.MapPost("/retry", RetryAsync)
            .WithName("RetryMessageMedia")
            .WithSummary("Fetches a file again whose fetch failed; it is pending until the new outcome.")
            .Produces<MessageMedia>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/businesses/{phoneNumberId}/media", UploadAsync)
            .WithTags("Media")
            .WithName("UploadMedia")
            .WithSummary("Uploads a file (multipart field 'file') for sending by id: checked by content against WhatsApp's types and sizes, kept in the bucket, uploaded to Meta.")
            .WithMetadata(new UploadSizeLimit(UploadBodyBytes))
            .DisableAntiforgery()
            .Produces<UploadedMedia>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    private static async Task<IResult> GetMediaAsync(
        HttpContext http, string phoneNumberId, string contactId, string messageId, IGrainFactory grains, MediaStorage storage)
    {
        var key = new ConversationKey(phoneNumberId, contactId);
        var media = await grains.GetGrain<IConversationGrain>(key.ToString()).GetMediaAsync(MessageIdOf(messageId));
        if (media?.MediaId is null)
        {
            return Problems.NotFound("This conversation has no message with a file under that id.");
        }

        if (media.Status != MediaStatus.Stored)
        {
            // A failed or pending file is never served: nothing unverified leaves the bucket.
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: media.Status == MediaStatus.Pending ? "The file is not stored yet" : "The file could not be stored",
                detail: media.Status == MediaStatus.Pending ? "Its download from Meta is still pending; try again shortly." : media.Error,
                extensions: new Dictionary<string, object?> { ["status"] = media.Status });
        }

        var contentType = media.MimeType ?? "application/octet-stream";
        var seekable = MediaLimits.IsSeekable(contentType);
        var range = seekable ? ParseRange(http.Request.Headers.Range.ToString()) : null;
        MediaContentStream? content;
        try
        {
            content = await storage.GetAsync(MediaObjectKey.Inbound(phoneNumberId, media.MediaId), range?.From, range?.To, http.RequestAborted);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            http.Response.Headers.ContentRange = $"bytes */{media.Size?.ToString(CultureInfo.InvariantCulture) ?? "*"}";
            return Results.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
        }

        if (content is null)
        {
            return Problems.NotFound("The file is recorded as stored but is no longer in the bucket (its retention may have ended).");
        }

        return new MediaFileResult(content, contentType, media, seekable);
    }

    private static async Task<IResult> RetryAsync(string phoneNumberId, string contactId, string messageId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var key = new ConversationKey(phoneNumberId, contactId);
        var media = await grains.GetGrain<IConversationGrain>(key.ToString()).RetryMediaAsync(MessageIdOf(messageId), user.Identity?.Name ?? "unknown");
        return media is null ? Problems.NotFound("This conversation has no message with a file under that id.") : Results.Ok(media);
    }

    private static async Task<IResult> UploadAsync(
        HttpContext http, string phoneNumberId, MediaStorage storage, UploadedMediaIndex index, IGraphMediaClient meta, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problems.Validation("file", "Send the file as multipart/form-data in the field 'file'.");
        }

        // Refused from its declared length before a byte is read (a client sending Expect: 100-continue sends none).
        if (http.Request.ContentLength is > UploadBodyBytes)
        {
            return TooLarge($"The upload is {http.Request.ContentLength} bytes; WhatsApp accepts files of at most {MediaLimits.MaxBytes} bytes (a document).");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = UploadBodyBytes }, http.RequestAborted);
        }
        catch (Exception exception) when (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (exception is InvalidDataException && exception.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase)))
        {
            // A body without a length (chunked) is cut off at the limit while it streams in: never buffered whole.
            return TooLarge($"The upload is larger than {UploadBodyBytes} bytes; WhatsApp accepts files of at most {MediaLimits.MaxBytes} bytes (a document).");
        }
        catch (InvalidDataException)
        {
            return Problems.Validation("file", "The multipart body is malformed; send the file as multipart/form-data in the field 'file'.");
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return Problems.Validation("file", "The multipart field 'file' is required.");
        }

        if (file.Length == 0)
        {
            return Problems.Validation("file", "The file is empty.");
        }

        if (file.Length > MediaLimits.MaxBytes)
        {
            return TooLarge($"The file is {file.Length} bytes; WhatsApp accepts at most {MediaLimits.MaxBytes} bytes (a document).");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, http.RequestAborted);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var sniffed = MediaSniffer.Sniff(bytes[..Math.Min(SniffBytes, bytes.Length)], file.ContentType);
        if (sniffed is null || MediaLimits.KindFor(sniffed) is not { } kind)
        {
            return Unsupported("The file's content is none of the types WhatsApp accepts (JPEG, PNG, WebP, MP4, 3GP, AAC, AMR, MP3, M4A, OGG, PDF, text, Office).");
        }

        var declared = MediaLimits.BaseType(file.ContentType ?? string.Empty);
        if (declared is not ("" or "application/octet-stream") && declared != sniffed)
        {
            return Unsupported($"The file was declared as {declared} but its content is {sniffed}.");
        }

        var limit = MediaLimits.MaxBytesFor(kind);
        if (file.Length > limit)
        {
            return TooLarge($"The file is {file.Length} bytes; WhatsApp accepts {sniffed} files of at most {limit} bytes.");
        }

        var hash = SHA256.HashData(bytes);
        var sha256 = Convert.ToBase64String(hash);
        var objectKey = MediaObjectKey.Uploaded(phoneNumberId, Convert.ToHexStringLower(hash));
        buffer.Position = 0;
        await storage.PutAsync(objectKey, buffer, sniffed, sha256, http.RequestAborted);

        buffer.Position = 0;
        var fileName = SafeFileName(file.FileName, sniffed);
        switch (await meta.UploadAsync(phoneNumberId, buffer, sniffed, fileName, http.RequestAborted))
        {
            case MediaUpload.Uploaded uploaded:
                await RecordUploadAsync(index, phoneNumberId, uploaded.MediaId, new UploadedMediaEntry(objectKey, sniffed, fileName), loggers, http.RequestAborted);
                var answer = new UploadedMedia(uploaded.MediaId, sniffed, file.Length, sha256);
                return Results.Created($"/api/v1/businesses/{phoneNumberId}/media/{uploaded.MediaId}", answer);
            case MediaUpload.Refused refused:
                return Results.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Meta refused the file",
                    detail: $"({refused.Error.Code}) {refused.Error.Title} {refused.Error.Details}".Trim());
            case MediaUpload.Failed failed:
                loggers.CreateLogger(typeof(MediaEndpoints)).LogWarning("Uploading a file of {PhoneNumberId} to Meta failed: {Reason}", phoneNumberId, failed.Reason);
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Meta did not take the file", detail: "The upload to Meta failed; try again.");
            default:
                throw new InvalidOperationException("Unexpected upload outcome.");
        }
    }

    /// <summary>
    /// Remembers which kept file the new id stands for, so the silo can upload it again when Meta's copy expires. The
    /// file is already at Meta and sendable: a failure here only costs that later re-upload, so it is logged, not answered.
    /// </summary>
    private static async Task RecordUploadAsync(
        UploadedMediaIndex index, string phoneNumberId, string mediaId, UploadedMediaEntry entry, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await index.RecordAsync(MediaObjectKey.UploadedId(phoneNumberId, mediaId), entry, cancellationToken);
        }
        catch (Exception exception) when (exception is AmazonS3Exception or HttpRequestException or IOException or TaskCanceledException)
        {
            loggers.CreateLogger(typeof(MediaEndpoints)).LogWarning(
                exception, "Recording the upload {MediaId} of {PhoneNumberId} failed; it cannot be uploaded again once Meta's copy expires", mediaId, phoneNumberId);
        }
    }

    // Wamids are base64 and may hold '/': clients escape it as %2F, which routing leaves escaped in the value.
    private static string MessageIdOf(string routeValue) => routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    // A single "bytes=from-to" or "bytes=from-" range; anything else is served whole (RFC 9110 allows ignoring Range).
    private static (long From, long? To)? ParseRange(string header)
    {
        if (!RangeHeaderValue.TryParse(header, out var range) || !range.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
        {
            return null;
        }

        var item = range.Ranges.First();
        return item.From is { } from && (item.To is null || item.To >= from) ? (from, item.To) : null;
    }

    // The customer or agent chose the name: keep letters, digits and a few marks, never a path.
    internal static string SafeFileName(string? name, string mimeType)
    {
        var baseName = Path.GetFileName(name ?? string.Empty);
        var safe = new string([.. baseName.Where(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ').Take(120)]).Trim(' ', '.');
        return safe.Length > 0 ? safe : "file" + (mimeType switch { "image/png" => ".png", "image/jpeg" => ".jpg", "application/pdf" => ".pdf", _ => string.Empty });
    }

    private static IResult TooLarge(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large", detail: detail, extensions: new Dictionary<string, object?> { ["field"] = "file" });

    private static IResult Unsupported(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The file type is not accepted", detail: detail, extensions: new Dictionary<string, object?> { ["field"] = "file" });

    private sealed record UploadSizeLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;

    /// <summary>Writes a stored file: its stored type, never sniffed by the browser, inline only for images, audio and video.</summary>
    private sealed class MediaFileResult(MediaContentStream content, string contentType, MessageMedia media, bool seekable) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            using (content)
            {
                var response = http.Response;
                response.ContentType = contentType;
                response.Headers.XContentTypeOptions = "nosniff";
                // Even a file opened directly runs no script and loads nothing.
                response.Headers.ContentSecurityPolicy = "default-src 'none'; media-src 'self'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
                response.Headers.CacheControl = "private, max-age=3600";
                if (media.Sha256 is { } sha256)
                {
                    response.Headers.ETag = $"\"{sha256}\"";
                }

                var disposition = new ContentDispositionHeaderValue(MediaLimits.IsInline(contentType) ? "inline" : "attachment");
                if (media.Filename is { Length: > 0 } || !MediaLimits.IsInline(contentType))
                {
                    disposition.SetHttpFileName(SafeFileName(media.Filename, contentType));
                }

                response.Headers.ContentDisposition = disposition.ToString();
                if (seekable)
                {
                    response.Headers.AcceptRanges = "bytes";
                }

                if (content.ContentRange is { } contentRange)
                {
                    response.StatusCode = StatusCodes.Status206PartialContent;
                    response.Headers.ContentRange = contentRange;
                }

                response.ContentLength = content.Length;
                await content.Content.CopyToAsync(response.Body, http.RequestAborted);
            }
        }
    }
}

/// <summary>An uploaded file: send it with <c>{"type":"image","image":{"id":"…"}}</c> (or video, audio, document, sticker).</summary>
/// <param name="Id">Meta's media id (valid 30 days).</param>
/// <param name="Sha256">Base64 SHA-256 of the bytes.</param>
public sealed record UploadedMedia(string Id, string MimeType, long Size, string Sha256);
