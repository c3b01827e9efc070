using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// A request body's buffer and its JSON writer, kept for the next request once an answer came back. A body is about
/// 1 KB, but the writer asks for room for the worst-case escaping of each text, so a buffer allocated per request
/// grows through several arrays: that was a tenth of the bytes a webhook allocated.
/// </summary>
internal sealed class RequestBuffers
{
    // Enough for every request in flight at the webhook concurrency the hosts allow; more are allocated, not kept.
    private const int MaxPooled = 128;

    // A buffer that grew past this held an unusual item; it is not kept.
    private const int MaxKeptBytes = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Texts go out as UTF-8; only what JSON requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly ConcurrentQueue<RequestBuffers> Pool = new();

    private RequestBuffers()
    {
        Json = new Utf8JsonWriter(Body, WriterOptions);
    }

    public ArrayBufferWriter<byte> Body { get; } = new(4096);

    public Utf8JsonWriter Json { get; }

    public static RequestBuffers Rent() => Pool.TryDequeue(out var buffers) ? buffers : new RequestBuffers();

    /// <summary>Back to the pool: only once nothing reads the body any more.</summary>
    public void Return()
    {
        if (Body.Capacity > MaxKeptBytes || Pool.Count >= MaxPooled)
        {
            return;
        }

        Body.ResetWrittenCount();
        Json.Reset(Body);
        Pool.Enqueue(this);
    }
}
