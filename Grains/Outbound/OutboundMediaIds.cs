using System.Text.Json.Nodes;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Outbound;

/// <summary>The media id a media message (image, video, audio, document, sticker) is sent by, read and replaced.</summary>
public static class OutboundMediaIds
{
    private static readonly HashSet<string> MediaTypes = new(StringComparer.Ordinal) { "image", "video", "audio", "document", "sticker" };

    /// <summary>Meta's media id the message names, or null when it is not a media message by id (a link, or another type).</summary>
    public static string? MediaIdOf(OutboundContent content) =>
        content is MessageObjectContent message && MediaTypes.Contains(message.MessageType)
            && JsonNode.Parse(message.Json) is JsonObject media && media["id"] is JsonValue id && id.TryGetValue<string>(out var value)
            ? value
            : null;

    /// <summary>The same message naming <paramref name="mediaId"/> instead; other content is returned unchanged.</summary>
    public static OutboundContent WithMediaId(OutboundContent content, string mediaId)
    {
        if (MediaIdOf(content) is null)
        {
            return content;
        }

        var message = (MessageObjectContent)content;
        var media = (JsonObject)JsonNode.Parse(message.Json)!;
        media["id"] = mediaId;
        return message with { Json = media.ToJsonString() };
    }
}
