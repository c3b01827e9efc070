namespace WaApp.Grains.Rules;

/// <summary>What <see cref="MessageRules"/> needs to know about one inbound message and its conversation.</summary>
/// <param name="Type">Meta's message type.</param>
/// <param name="Text">The text a person reads (body, caption, button title); null when the type has none.</param>
/// <param name="SentAt">Meta's timestamp of the message.</param>
/// <param name="IsFirstContact">No earlier message from this customer to this number was ever stored.</param>
/// <param name="OptedOut">The customer had opted out of this number before this message.</param>
/// <param name="LastAwayMessageAt">The timestamp of the message that last triggered an away message, if any.</param>
/// <param name="Now">The processing time: a message whose window already closed (a late redelivery) gets no reply.</param>
public sealed record InboundMessageContext(
    string Type,
    string? Text,
    DateTimeOffset SentAt,
    bool IsFirstContact,
    bool OptedOut,
    DateTimeOffset? LastAwayMessageAt,
    DateTimeOffset Now);
