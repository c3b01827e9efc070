using WaApp.Grains.Abstractions.Media;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Where one inbound file is, inside <see cref="ConversationState"/>. Kept for every media message (a few strings), not
/// only recent ones, so serving an old file needs no replay.
/// </summary>
[GenerateSerializer, Alias("waapp.MediaRecord")]
public sealed class MediaRecord
{
    [Id(0)]
    public string MediaId { get; set; } = string.Empty;

    [Id(1)]
    public string Kind { get; set; } = string.Empty;

    [Id(2)]
    public string Status { get; set; } = MediaStatus.Pending;

    /// <summary>Meta's MIME type: the webhook's until stored, then the one the file was stored with.</summary>
    [Id(3)]
    public string? MimeType { get; set; }

    [Id(4)]
    public long? Size { get; set; }

    [Id(5)]
    public string? Sha256 { get; set; }

    [Id(6)]
    public string? Filename { get; set; }

    [Id(7)]
    public string? Caption { get; set; }

    [Id(8)]
    public string? Error { get; set; }

    [Id(9)]
    public DateTimeOffset ReceivedAt { get; set; }

    public MessageMedia ToView() => new(Status, MimeType, Size, Sha256, Filename, Caption, Error, MediaId);
}
