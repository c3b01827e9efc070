using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Conversations;

/// <summary>A message inside <see cref="ConversationState"/>.</summary>
[GenerateSerializer, Alias("waapp.MessageRecord")]
public sealed class MessageRecord
{
    public const string ReceivedStatus = "received";

    [Id(0)]
    public long Sequence { get; set; }

    [Id(1)]
    public string Id { get; set; } = string.Empty;

    [Id(2)]
    public MessageDirection Direction { get; set; }

    [Id(3)]
    public string Type { get; set; } = string.Empty;

    [Id(4)]
    public string? Text { get; set; }

    [Id(5)]
    public DateTimeOffset Timestamp { get; set; }

    [Id(6)]
    public string Status { get; set; } = ReceivedStatus;

    /// <summary>What an inbound message says, typed.</summary>
    [Id(7)]
    public MessageContent? Content { get; set; }

    public MessageView ToView() => new(Sequence, Id, Direction, Type, Text, Timestamp, Status);
}
