using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Media;

/// <summary>
/// Meta's media endpoints: <c>GET /{version}/{media-id}</c> (a short-lived download URL, the MIME type, sha256 and
/// size), the download URL itself (bearer token required, expires after <c>MediaUrlLifetime</c>),
/// <c>POST /{version}/{phone-number-id}/media</c> (upload) and <c>DELETE /{version}/{media-id}</c>.
/// </summary>
public sealed class MediaEndpoints(MediaStore store, MediaFaults faults, IOptionsMonitor<SimulatorOptions> options, TimeProvider time, ILogger<MediaEndpoints> logger)
{
    public const string DownloadPath = "/whatsapp_business/attachments/";

    // Download URLs are signed so a test cannot guess one, and carry their expiry like Meta's.
    private readonly byte[] _urlKey = RandomNumberGenerator.GetBytes(32);

    public static void Map(WebApplication app)
    {
        app.MapGet("/{version:regex(^v\\d+\\.\\d+$)}/{mediaId:regex(^\\d+$)}", (HttpContext context, string mediaId, string? phone_number_id, MediaEndpoints endpoints) =>
            endpoints.GetMetadata(context, mediaId, phone_number_id));
        app.MapDelete("/{version:regex(^v\\d+\\.\\d+$)}/{mediaId:regex(^\\d+$)}", (HttpContext context, string mediaId, MediaEndpoints endpoints) =>
            endpoints.Delete(context, mediaId));
        app.MapGet(DownloadPath, (HttpContext context, string? mid, long? ext, string? hash, MediaEndpoints endpoints) =>
            endpoints.DownloadAsync(context, mid, ext, hash));
        app.MapPost("/{version:regex(^v\\d+\\.\\d+$)}/{phoneNumberId}/media", (HttpContext context, string phoneNumberId, MediaEndpoints endpoints) =>
            endpoints.UploadAsync(context, phoneNumberId)).DisableAntiforgery();

        var control = app.MapGroup("/simulator/media");
        control.MapGet("/", (MediaStore media) => TypedResults.Ok(media.Snapshot()));
        control.MapPost("/faults", (MediaFaultRequest request, MediaFaults mediaFaults) =>
        {
            if (request.Count is < 1 or > 10_000)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["Count must be between 1 and 10000."] });
            }

            mediaFaults.Add(request.Kind, request.Count);
            return Results.Ok(new FaultsState(mediaFaults.Pending));
        });
        control.MapGet("/faults", (MediaFaults mediaFaults) => TypedResults.Ok(new FaultsState(mediaFaults.Pending)));
        control.MapDelete("/faults", (MediaFaults mediaFaults) =>
        {
            mediaFaults.Clear();
            return TypedResults.Ok(new FaultsState(mediaFaults.Pending));
        });
        control.MapPost("/{mediaId}/expire", (string mediaId, MediaStore media) => media.Expire(mediaId) ? Results.NoContent() : Results.NotFound());
    }

    private IResult GetMetadata(HttpContext context, string mediaId, string? phoneNumberId)
    {
        if (!IsAuthorized(context.Request))
        {
            return Error(MetaError.InvalidToken());
        }

        // Meta answers an unknown or expired id, or one of another number when phone_number_id is given, alike.
        if (store.Find(mediaId) is not { } media || (phoneNumberId is { Length: > 0 } && phoneNumberId != media.PhoneNumberId))
        {
            return Error(UnknownObject(mediaId));
        }

        var expires = time.GetUtcNow().Add(options.CurrentValue.MediaUrlLifetime).ToUnixTimeSeconds();
        var url = $"{context.Request.Scheme}://{context.Request.Host}{DownloadPath}?mid={media.Id}&ext={expires.ToString(CultureInfo.InvariantCulture)}&hash={Sign(media.Id, expires)}";
        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["url"] = url,
            ["mime_type"] = media.MimeType,
            ["sha256"] = media.Sha256,
            ["file_size"] = media.FileSize,
            ["id"] = media.Id,
        });
    }

    private IResult Delete(HttpContext context, string mediaId)
    {
        if (!IsAuthorized(context.Request))
        {
            return Error(MetaError.InvalidToken());
        }

        return store.Delete(mediaId) ? Results.Json(new JsonObject { ["success"] = true }) : Error(UnknownObject(mediaId));
    }

    private async Task<IResult> DownloadAsync(HttpContext context, string? mediaId, long? expires, string? hash)
    {
        if (!IsAuthorized(context.Request))
        {
            return Results.Unauthorized();
        }

        var fault = faults.TakeNext();
        if (fault is not null)
        {
            SimulatorLog.MediaFaultInjected(logger, fault.Value);
        }

        switch (fault)
        {
            case MediaFaultKind.ServerError:
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            case MediaFaultKind.Timeout:
                try
                {
                    await Task.Delay(options.CurrentValue.FaultTimeout, time, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
            case MediaFaultKind.ExpiredUrl:
                return Results.NotFound();
        }

        // An expired or forged URL is a 404, as Meta's CDN answers: the client must ask GET /{media-id} again.
        if (mediaId is null || expires is null || hash is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Sign(mediaId, expires.Value)))
            || DateTimeOffset.FromUnixTimeSeconds(expires.Value) <= time.GetUtcNow()
            || store.Find(mediaId) is not { } media)
        {
            return Results.NotFound();
        }

        store.CountDownload(media.Id);
        var bytes = media.Bytes;
        if (fault == MediaFaultKind.WrongSha256)
        {
            bytes = (byte[])bytes.Clone();
            bytes[^1] ^= 0xFF;
        }

        return Results.Bytes(bytes, media.MimeType);
    }

    private async Task<IResult> UploadAsync(HttpContext context, string phoneNumberId)
    {
        if (!IsAuthorized(context.Request))
        {
            return Error(MetaError.InvalidToken());
        }

        if (!context.Request.HasFormContentType)
        {
            return Error(MetaError.InvalidParameter("The upload must be multipart/form-data with file, type and messaging_product."));
        }

        // Documents may be 100 MB: more than Kestrel's default body limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = 110 * 1024 * 1024;
        }

        var form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = 110 * 1024 * 1024 }, context.RequestAborted);
        if (form["messaging_product"] != "whatsapp")
        {
            return Error(MetaError.MissingParameter("messaging_product must be 'whatsapp'."));
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return Error(MetaError.MissingParameter("file is required."));
        }

        var type = form["type"].ToString();
        if (type.Length == 0)
        {
            type = file.ContentType;
        }

        if (MetaMediaTypes.MaxBytes(type) is not { } maxBytes)
        {
            return Error(new MetaError(System.Net.HttpStatusCode.BadRequest, 131053, "(#131053) Media upload error", $"Unsupported file type {type}."));
        }

        if (file.Length == 0 || file.Length > maxBytes)
        {
            return Error(new MetaError(System.Net.HttpStatusCode.BadRequest, 131053, "(#131053) Media upload error", $"The file is {file.Length} bytes; {type} files must be 1 to {maxBytes} bytes."));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, context.RequestAborted);
        var media = store.Add(phoneNumberId, buffer.ToArray(), type, file.FileName, uploaded: true);
        SimulatorLog.MediaUploaded(logger, phoneNumberId, type, media.FileSize);
        return Results.Json(new JsonObject { ["id"] = media.Id });
    }

    private string Sign(string mediaId, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_urlKey, Encoding.ASCII.GetBytes($"{mediaId}:{expires.ToString(CultureInfo.InvariantCulture)}")));

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = header[Bearer.Length..].Trim();
        var expected = options.CurrentValue.AccessToken;
        return token.Length > 0 && (string.IsNullOrEmpty(expected) || token == expected);
    }

    private static MetaError UnknownObject(string mediaId) => new(
        System.Net.HttpStatusCode.BadRequest,
        100,
        $"Unsupported get request. Object with ID '{mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.");

    private static IResult Error(MetaError error) => Results.Json(error.ToJson(), statusCode: (int)error.Status);
}
