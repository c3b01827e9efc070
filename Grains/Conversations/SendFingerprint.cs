using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Conversations;

/// <summary>
/// A hash of what a send asks for (content, lane, reply-to), so a reused idempotency key with a different request is
/// told apart from a harmless repeat. Kept on the outbox record, which stays small even when its content is compacted.
/// </summary>
internal static class SendFingerprint
{
    public static string Of(OutboundContent content, SendLane lane, string? replyTo)
    {
        // The content's stored JSON form (with its "kind") is canonical: same request, same bytes.
        var normalized = $"{JsonSerializer.Serialize(content)}\n{lane}\n{replyTo}";
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
