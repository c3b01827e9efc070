using System.Text.Json;
using static WaApp.WhatsApp.Graph.JsonRules;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Media messages (image, video, audio, document, sticker) and media in headers: by uploaded <c>id</c> or by public
/// <c>link</c>, never both; a caption on image, video and document only; a file name on documents only.
/// </summary>
public static class MediaMessageRules
{
    /// <summary>Meta's limit for a media caption.</summary>
    public const int MaxCaptionLength = 1024;

    public static readonly IReadOnlySet<string> MediaTypes = new HashSet<string>(StringComparer.Ordinal) { "image", "video", "audio", "document", "sticker" };

    /// <summary>Checks <paramref name="media"/> as a <paramref name="type"/> object found at <paramref name="field"/>.</summary>
    internal static void Check(string type, JsonElement media, string field, bool allowCaption = true)
    {
        RequireObject(media, field);
        var id = OptionalString(media, "id", field, 256);
        var hasLink = TryGet(media, "link", out _);
        if (id is null && !hasLink)
        {
            throw Violation($"{field}.id", $"{field} needs an id (an uploaded media id) or a link.");
        }

        if (id is not null && hasLink)
        {
            throw Violation($"{field}.link", $"{field} takes an id or a link, not both.");
        }

        if (hasLink)
        {
            RequiredLink(media, "link", field);
        }

        if (TryGet(media, "caption", out _))
        {
            if (!allowCaption || type is "audio" or "sticker")
            {
                throw Violation($"{field}.caption", $"{field} cannot have a caption.");
            }

            OptionalString(media, "caption", field, MaxCaptionLength);
        }

        if (TryGet(media, "filename", out _))
        {
            if (type != "document")
            {
                throw Violation($"{field}.filename", $"Only a document has a filename.");
            }

            OptionalString(media, "filename", field, 240);
        }
    }
}
