using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.LiveFeed;
using WaApp.Grains.Conversations;
using WaApp.Grains.Conversations.Views;

namespace WaApp.Grains.LiveFeed;

/// <summary>Turns a conversation's newly confirmed events into live frames, one per event, in log order.</summary>
public static class LiveFrameBuilder
{
    /// <param name="firstVersion">The conversation's version after the first of <paramref name="events"/>.</param>
    public static List<LiveFrame> Build(
        ConversationState state,
        string phoneNumberId,
        ConversationSnapshot conversation,
        IReadOnlyList<ConversationEvent> events,
        int firstVersion)
    {
        var frames = new List<LiveFrame>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (type, messageId) = Describe(events[i], state);
            var message = messageId is not null ? MessageViewBuilder.Find(state, messageId) : null;
            frames.Add(new LiveFrame(type, phoneNumberId, firstVersion + i, events[i].RecordedAt, conversation, message));
        }

        return frames;
    }

    private static (string Type, string? MessageId) Describe(ConversationEvent @event, ConversationState state) => @event switch
    {
        MessageReceived received => (LiveFrameTypes.MessageReceived, received.Message.MessageId),
        ReactionReceived reaction => (LiveFrameTypes.ReactionChanged, reaction.TargetMessageId),
        ReactionRemoved removal => (LiveFrameTypes.ReactionChanged, removal.TargetMessageId),
        StatusUpdated status => (LiveFrameTypes.StatusChanged, state.MessageIdOfWamid(status.Report.MessageId)),
        MessageEdited edited => (LiveFrameTypes.MessageChanged, edited.Edit.OriginalMessageId),
        MessageRevoked revoked => (LiveFrameTypes.MessageChanged, revoked.Revoke.OriginalMessageId),
        CallLogged call => (LiveFrameTypes.MessageChanged, call.Call.CallId),
        MessageImported imported => (LiveFrameTypes.MessageReceived, imported.Message.MessageId),
        GroupEventRecorded group => (LiveFrameTypes.MessageReceived, group.Event.EventId),
        MessageQueued queued => (LiveFrameTypes.MessageQueued, queued.MessageId),
        AutoReplyQueued reply => (LiveFrameTypes.MessageQueued, reply.MessageId),
        MessageRetried retried => (LiveFrameTypes.MessageQueued, retried.MessageId),
        MessageSent sent => (LiveFrameTypes.MessageSent, sent.MessageId),
        MessageFailed failed => (LiveFrameTypes.MessageFailed, failed.MessageId),
        MessageOutcomeUnknown unknown => (LiveFrameTypes.MessageUnknown, unknown.MessageId),
        MediaStored stored => (LiveFrameTypes.MediaChanged, stored.MessageId),
        MediaFailed failed => (LiveFrameTypes.MediaChanged, failed.MessageId),
        MediaRetried retried => (LiveFrameTypes.MediaChanged, retried.MessageId),
        ConversationAssigned => (LiveFrameTypes.ConversationAssigned, null),
        ConversationClosed => (LiveFrameTypes.ConversationClosed, null),
        ConversationReopened => (LiveFrameTypes.ConversationReopened, null),
        ConversationMarkedRead => (LiveFrameTypes.ConversationRead, null),
        _ => (LiveFrameTypes.ConversationUpdated, null),
    };
}
