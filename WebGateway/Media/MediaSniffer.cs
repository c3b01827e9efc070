using System.Text;

namespace WaApp.WebGateway.Media;

/// <summary>
/// What a file is, from its first bytes, never from its name or the type its sender claims: an executable named
/// photo.png and declared <c>image/png</c> is still an executable. Knows the types WhatsApp accepts.
/// </summary>
public static class MediaSniffer
{
    private const string OfficeZip = "application/vnd.openxmlformats-officedocument";
    private const string LegacyOffice = "application/x-ole-storage";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The MIME type the content shows; null when it is none that WhatsApp accepts.</summary>
    /// <param name="head">At least the first 32 bytes (fewer for a smaller file).</param>
    /// <param name="declared">The sender's type: only used to tell apart containers of one family (Office formats, MP4 audio or video).</param>
    public static string? Sniff(ReadOnlySpan<byte> head, string? declared)
    {
        declared = declared?.Split(';')[0].Trim().ToLowerInvariant();
        if (head.StartsWith(PngSignature))
        {
            return "image/png";
        }

        if (head.StartsWith(JpegSignature))
        {
            return "image/jpeg";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            if (brand.StartsWith("3g", StringComparison.Ordinal))
            {
                return "video/3gpp";
            }

            // M4A is audio in the same container; otherwise an MP4 is a video.
            return brand.StartsWith("M4A", StringComparison.Ordinal) || declared == "audio/mp4" ? "audio/mp4" : "video/mp4";
        }

        if (head.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (head.StartsWith("#!AMR"u8))
        {
            return "audio/amr";
        }

        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            // MPEG audio frames and ADTS (AAC) share the sync word; ADTS has layer bits 00.
            return head.Length >= 2 && head[0] == 0xFF && (head[1] & 0x06) == 0 ? "audio/aac" : "audio/mpeg";
        }

        if (head.StartsWith("PK\x03\x04"u8))
        {
            // docx, xlsx and pptx are zip files: the declared Office type tells which; any other zip is refused.
            return declared is not null && declared.StartsWith(OfficeZip, StringComparison.Ordinal) ? declared : null;
        }

        if (head.StartsWith(OleSignature))
        {
            return declared is "application/msword" or "application/vnd.ms-excel" or "application/vnd.ms-powerpoint" ? declared : LegacyOffice;
        }

        return LooksLikeText(head) ? "text/plain" : null;
    }

    // UTF-8 without control characters other than tab and line breaks. Markup is text too, but never served inline.
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D))
            {
                return false;
            }
        }

        // A multi-byte character may be cut at the end of the sample.
        var trimmed = head;
        for (var i = 0; i < 3 && trimmed.Length > 0 && (trimmed[^1] & 0x80) != 0; i++)
        {
            trimmed = trimmed[..^1];
        }

        return System.Text.Unicode.Utf8.IsValid(trimmed);
    }
}
