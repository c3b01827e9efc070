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

    /// <summary>The message's type; one shared instance per known type (<see cref="SharedStrings"/>).</summary>
    [Id(3)]
    public string Type { get; set => field = SharedStrings.Share(value); } = string.Empty;

    // The text as UTF-8 bytes when that takes less memory than a .NET string (Latin-script text: about half), else
    // the string (see CompactText).
    [Id(4)]
    private object? _text;

    public string? Text
    {
        get => CompactText.Read(_text);
        set
        {
            // A content folded into the text follows it: keep the content the message had before its text changes.
            if (_contentIsText)
            {
                var current = Text;
                if (!string.Equals(value, current, StringComparison.Ordinal))
                {
                    _content = new MessageContent { Text = current };
                    _contentIsText = false;
                }
            }

            _text = CompactText.From(value);
        }
    }

    [Id(5)]
    public DateTimeOffset Timestamp { get; set; }

    [Id(6)]
    public string Status { get; set => field = SharedStrings.Share(value); } = ReceivedStatus;

    // A text message's content is its text alone (the gateway maps every message to a content): kept as a flag on
    // the text instead of a 128-byte content object and a second copy of the text, about 250 bytes a message.
    [Id(7)]
    private MessageContent? _content;

    [Id(15)]
    private bool _contentIsText;

    /// <summary>What an inbound message says, typed.</summary>
    public MessageContent? Content
    {
        get => _contentIsText ? new MessageContent { Text = Text } : _content;
        set
        {
            _contentIsText = value is { Text: { } text } && string.Equals(text, Text, StringComparison.Ordinal)
                && value.Equals(new MessageContent { Text = text });
            _content = _contentIsText ? null : value;
        }
    }

    /// <summary>
    /// True once the text and content were dropped from memory because the message is no longer recent; the event
    /// store still has them (see <see cref="ConversationState.RecentContentLimit"/>).
    /// </summary>
    [Id(8)]
    public bool IsCompacted { get; set; }

    // What only some messages have (an imported, edited, deleted or group message) lives in one object created when
    // first set: a plain message carries one reference instead of 72 bytes of empty fields (about 640 bytes in a
    // conversation of ten messages). The properties below read and write it; snapshots keep their JSON shape.
    [Id(14)]
    private MessageDetails? _details;

    /// <summary>Where a message came from when not through WaApp (<see cref="ImportedMessage.Origin"/>).</summary>
    public string? Origin
    {
        get => _details?.Origin;
        set => Details(value is not null)?.Origin = value;
    }

    /// <summary>Earlier versions of a message the customer edited, oldest first; <see cref="Text"/> is the current one.</summary>
    public List<MessageVersion>? Edits
    {
        get => _details?.Edits;
        set => Details(value is not null)?.Edits = value;
    }

    /// <summary>When the version in <see cref="Text"/> was written, once the message was edited.</summary>
    public DateTimeOffset? EditedAt
    {
        get => _details?.EditedAt;
        set => Details(value is not null)?.EditedAt = value;
    }

    /// <summary>When the customer deleted the message for everyone; its text, content and versions are gone.</summary>
    public DateTimeOffset? DeletedAt
    {
        get => _details?.DeletedAt;
        set => Details(value is not null)?.DeletedAt = value;
    }

    /// <summary>The participant who wrote a group message.</summary>
    public string? Sender
    {
        get => _details?.Sender;
        set => Details(value is not null)?.Sender = value;
    }

    public void Compact()
    {
        Content = null;
        Text = null;
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

    // The details to write into: created for a value, not for clearing a field that was never set.
    private MessageDetails? Details(bool create) => create ? _details ??= new MessageDetails() : _details;

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

/// <summary>The fields of a <see cref="MessageRecord"/> that most messages never set.</summary>
[GenerateSerializer, Alias("waapp.MessageDetails")]
internal sealed class MessageDetails
{
    [Id(0)]
    public string? Origin { get; set; }

    [Id(1)]
    public List<MessageVersion>? Edits { get; set; }

    [Id(2)]
    public DateTimeOffset? EditedAt { get; set; }

    [Id(3)]
    public DateTimeOffset? DeletedAt { get; set; }

    [Id(4)]
    public string? Sender { get; set; }
}
