namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>A business message for a conversation's outbox.</summary>
/// <param name="IdempotencyKey">The caller's key: the same key twice queues (and sends) the message once.</param>
/// <param name="ReplyTo">The wamid of the customer message this answers, or null.</param>
[GenerateSerializer, Immutable, Alias("waapp.SendMessageCommand")]
public sealed record SendMessageCommand(string IdempotencyKey, OutboundContent Content, SendLane Lane = SendLane.Live, string? ReplyTo = null)
{
    public const int MaxIdempotencyKeyLength = 200;
}
