using System.Buffers;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// The exact bytes of one webhook body in a buffer rented from <see cref="ArrayPool{T}.Shared"/>, given back on
/// <see cref="Dispose"/>. The handler holds it until its answer is decided; nothing parsed from it keeps a reference
/// (the parser copies what it keeps into strings and cloned JSON).
/// </summary>
internal sealed class WebhookBody : IDisposable
{
    private byte[]? _buffer;

    public WebhookBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Bytes => (_buffer ?? throw new ObjectDisposedException(nameof(WebhookBody))).AsMemory(0, Length);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            Return(buffer, Length);
        }
    }

    /// <summary>Gives a buffer back to the pool, wiping the <paramref name="written"/> bytes first.</summary>
    internal static void Return(byte[] buffer, int written)
    {
        // The next renter is any code in the process: it must not find customers' messages in it.
        buffer.AsSpan(0, written).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
