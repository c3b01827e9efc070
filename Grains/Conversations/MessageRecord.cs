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

    /// <summary>Where a message came from when not through WaApp (<see cref="ImportedMessage.Origin"/>).</summary>
    [Id(9)]
    public string? Origin { get; set; }

    /// <summary>Earlier versions of a message the customer edited, oldest first; <see cref="Text"/> is the current one.</summary>
    [Id(10)]
    public List<MessageVersion>? Edits { get; set; }

    /// <summary>When the version in <see cref="Text"/> was written, once the message was edited.</summary>
    [Id(11)]
    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>When the customer deleted the message for everyone; its text, content and versions are gone.</summary>
    [Id(12)]
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The participant who wrote a group message.</summary>
    [Id(13)]
    public string? Sender { get; set; }

    public void Compact()
    {
        Text = null;
        Content = null;
        Edits = null;
        IsCompacted = true;
    }

    /// <summary>Takes back the text and content of the same message rebuilt from the event store.</summary>
    public void Restore(MessageRecord stored)
    {
        Text = stored.Text;
        Content = stored.Content;
        Edits = stored.Edits;
        IsCompacted = false;
    }

    public MessageView ToView() => new(Sequence, Id, Direction, Type, Text, Timestamp, Status)
    {
        Origin = Origin,
        Edits = Edits is { Count: > 0 } ? [.. Edits.Select(static version => new MessageEditView(version.Text, version.At))] : null,
        DeletedAt = DeletedAt,
        Sender = Sender,
    };
}

/// <summary>One version of an edited message.</summary>
[GenerateSerializer, Alias("waapp.MessageVersion")]
public sealed class MessageVersion
{
    [Id(0)]
    public string? Text { get; set; }

    [Id(1)]
    public DateTimeOffset At { get; set; }
}
