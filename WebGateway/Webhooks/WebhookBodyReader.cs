using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using MinDataRate = Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// Reads a webhook body as exact bytes (the signature covers them), refusing bodies over a limit. The buffer grows
/// with the bytes that arrived, never with what <c>Content-Length</c> announces: a connection that announces 3 MB
/// and trickles costs a small pooled buffer, not 3 MB.
/// </summary>
internal static class WebhookBodyReader
{
    // Most of Meta's webhooks are a few kilobytes: they fit in the first buffer.
    private const int InitialSize = 16 * 1024;

    // A body slower than this after the grace period is cut by Kestrel (408) and frees its concurrency permit:
    // Meta sends from data centres far faster, so only a stalled or hostile sender stays below it. At this rate the
    // largest body (3 MB) has a little over three minutes.
    private static readonly MinDataRate MinBodyDataRate = new(bytesPerSecond: 16 * 1024, gracePeriod: TimeSpan.FromSeconds(5));

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    /// <exception cref="BadHttpRequestException">Kestrel cut the body: too slow, or shorter than announced.</exception>
    public static async Task<WebhookBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        LimitConnection(request.HttpContext, limit);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length, limit);
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    var body = new WebhookBody(buffer, length);
                    buffer = null;
                    return body;
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body that passed Kestrel's limit (the same as ours) while we read it.
            return null;
        }
        finally
        {
            if (buffer is not null)
            {
                WebhookBody.Return(buffer, length);
            }
        }
    }

    // Kestrel enforces the same limits for this request: the body size as it arrives, and a minimum rate so that a
    // trickling connection is dropped rather than held open for as long as the sender likes.
    private static void LimitConnection(HttpContext context, int limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = MinBodyDataRate;
        }
    }

    // Doubles the buffer (up to one byte over the limit, to notice a body that is too large) and gives back the old one.
    private static byte[] Grow(byte[] buffer, int length, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
        buffer.AsSpan(0, length).CopyTo(larger);
        WebhookBody.Return(buffer, length);
        return larger;
    }
}
