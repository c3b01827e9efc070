namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>A message a customer sent to the business, as parsed from a webhook.</summary>
/// <param name="MessageId">The wamid: the idempotency key of inbound messages.</param>
/// <param name="FromWaId">The customer's wa_id; absent for username users known only by their user id.</param>
/// <param name="FromUserId">The business-scoped user id (BSUID), when Meta sends one.</param>
/// <param name="Timestamp">When the customer sent it (Meta's clock, not arrival time).</param>
/// <param name="Type">Meta's message type, e.g. <c>text</c>, <c>image</c>, or a type WaApp does not know yet.</param>
/// <param name="Text">The text a person reads: body, caption or reply title; null when the type has none.</param>
/// <param name="ProfileName">The customer's profile name from the matching contact, if any.</param>
/// <param name="RawJson">The message object exactly as Meta sent it.</param>
/// <param name="Content">What the message says, typed (null only for messages stored before content was kept).</param>
[GenerateSerializer, Immutable, Alias("waapp.InboundMessage")]
public sealed record InboundMessage(
    string MessageId,
    string? FromWaId,
    string? FromUserId,
    DateTimeOffset Timestamp,
    string Type,
    string? Text,
    string? ProfileName,
    string RawJson,
    MessageContent? Content = null) : ConversationUpdate
{
    /// <summary>Set when the message was written in a group (Groups API): it belongs to the group's conversation.</summary>
    [Id(20)]
    public string? GroupId { get; init; }
}
