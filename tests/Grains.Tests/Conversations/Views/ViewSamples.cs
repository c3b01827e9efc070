using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Conversations;

namespace WaApp.Grains.Tests.Conversations.Views;

/// <summary>Events of one conversation for the view builders, applied to a plain state (no cluster).</summary>
internal static class ViewSamples
{
    public const string Customer = "15551234567";
    public static readonly ConversationKey Key = new("106540352242922", Customer);
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795419480);

    public static MessageReceived Inbound(string wamid, string text, DateTimeOffset at, string type = "text") =>
        new(new InboundMessage(wamid, Customer, null, at, type, text, "Ana", "{}", new MessageContent()));

    public static MessageQueued Queued(string messageId, string text, DateTimeOffset at) =>
        new(messageId, "key-" + messageId, Customer, new TextContent(text), SendLane.Live, ReplyTo: null) { RecordedAt = at };

    public static ConversationState Apply(params ConversationEvent[] events)
    {
        var state = new ConversationState();
        foreach (var @event in events)
        {
            state.Apply(@event);
        }

        return state;
    }
}
