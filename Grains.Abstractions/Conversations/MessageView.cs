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
    string Status);
