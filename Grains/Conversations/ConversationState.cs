using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;

namespace WaApp.Grains.Conversations;

/// <summary>
/// A conversation rebuilt from its events. Plain get/set properties: it is also the JSON snapshot the event store
/// keeps every few events.
/// </summary>
[GenerateSerializer, Alias("waapp.ConversationState")]
public sealed partial class ConversationState
{
    /// <summary>Messages in arrival order; <see cref="MessageRecord.Sequence"/> is 1-based.</summary>
    [Id(0)]
    public List<MessageRecord> Messages { get; set; } = [];

    /// <summary>Every wamid this conversation has stored, so redeliveries are recognised.</summary>
    [Id(1)]
    public HashSet<string> MessageIds { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public DateTimeOffset? LastInboundAt { get; set; }

    [Id(3)]
    public string? ProfileName { get; set; }

    public bool Contains(string messageId) => MessageIds.Contains(messageId);

    public void Apply(ConversationEvent @event)
    {
        switch (@event)
        {
            case MessageReceived received:
                Apply(received);
                break;
            case var outbound when ApplyOutbox(outbound):
                break;
            default:
                throw new InvalidOperationException($"ConversationState has no rule for {@event.GetType().Name}.");
        }
    }

    private void Apply(MessageReceived received)
    {
        var message = received.Message;
        if (!MessageIds.Add(message.MessageId))
        {
            return;
        }

        Messages.Add(new MessageRecord
        {
            Sequence = Messages.Count + 1,
            Id = message.MessageId,
            Direction = MessageDirection.Inbound,
            Type = message.Type,
            Text = message.Text,
            Timestamp = message.Timestamp,
            Status = MessageRecord.ReceivedStatus,
        });
        if (LastInboundAt is null || message.Timestamp > LastInboundAt)
        {
            LastInboundAt = message.Timestamp;
        }

        ProfileName = message.ProfileName ?? ProfileName;
    }
}
