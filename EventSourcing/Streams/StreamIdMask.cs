using System.Security.Cryptography;
using System.Text;

namespace WaApp.EventSourcing.Streams;

/// <summary>
/// Stream ids carry phone numbers (<c>conversation/{phoneNumberId}:{contactId}</c>), so logs and error messages
/// show only the stream kind and a short hash that still correlates entries of the same stream.
/// </summary>
public static class StreamIdMask
{
    public static string Mask(string streamId)
    {
        var slash = streamId.IndexOf('/', StringComparison.Ordinal);
        var kind = slash > 0 ? streamId[..slash] : "stream";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(streamId));
        return $"{kind}/#{Convert.ToHexStringLower(hash.AsSpan(0, 4))}";
    }
}
