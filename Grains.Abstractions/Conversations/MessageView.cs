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

    /// <summary>The message's file and where it is (pending, stored, failed), for media messages.</summary>
    [Id(14)]
    public Media.MessageMedia? Media { get; init; }
}
