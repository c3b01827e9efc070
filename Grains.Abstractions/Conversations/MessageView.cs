namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>A message as agents see it in a conversation.</summary>
/// <param name="Sequence">Position in the conversation (1 = first message); cursors are built from it.</param>
/// <param name="Status">Delivery status of outbound messages; <c>received</c> for inbound ones.</param>
[GenerateSerializer, Immutable, Alias("waapp.MessageView")]
public sealed record MessageView(
    long Sequence,
    string Id,
    MessageDirection Direction,
    string Type,
    string? Text,
    DateTimeOffset Timestamp,
    string Status)
{
    /// <summary>What the message says, typed (inbound messages).</summary>
    [Id(10)]
    public MessageContent? Content { get; init; }

    /// <summary>Each delivery status Meta reported for a business message, with its own time.</summary>
    [Id(11)]
    public IReadOnlyDictionary<string, DateTimeOffset>? StatusTimes { get; init; }

    /// <summary>Why a business message failed.</summary>
    [Id(12)]
    public IReadOnlyList<ErrorDetail>? Errors { get; init; }

    /// <summary>The customer's current reaction to this message.</summary>
    [Id(13)]
    public string? Reaction { get; init; }

    /// <summary>Where a message came from when not through WaApp: <c>business_app</c> (coexistence echo) or <c>history</c>.</summary>
    [Id(14)]
    public string? Origin { get; init; }

    /// <summary>Earlier versions of a message the customer edited, oldest first.</summary>
    [Id(15)]
    public IReadOnlyList<MessageEditView>? Edits { get; init; }

    /// <summary>When the customer deleted the message for everyone; its text and content are gone.</summary>
    [Id(16)]
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Who wrote a group message (the participant's wa_id or BSUID).</summary>
    [Id(17)]
    public string? Sender { get; init; }

    /// <summary>The message's file and where it is (pending, stored, failed), for media messages.</summary>
    [Id(18)]
    public Media.MessageMedia? Media { get; init; }
}

/// <summary>An earlier version of an edited message: its text and when it was written.</summary>
[GenerateSerializer, Immutable, Alias("waapp.MessageEditView")]
public sealed record MessageEditView(string? Text, DateTimeOffset At);
