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

    /// <summary>
    /// True once the text and content were dropped from memory because the message is no longer recent; the event
    /// store still has them (see <see cref="ConversationState.RecentContentLimit"/>).
    /// </summary>
    [Id(8)]
    public bool IsCompacted { get; set; }

    public void Compact()
    {
        Text = null;
        Content = null;
        IsCompacted = true;
    }

    /// <summary>Takes back the text and content of the same message rebuilt from the event store.</summary>
    public void Restore(MessageRecord stored)
    {
        Text = stored.Text;
        Content = stored.Content;
        IsCompacted = false;
    }

    public MessageView ToView() => new(Sequence, Id, Direction, Type, Text, Timestamp, Status);
}
