using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;

namespace WaApp.Grains.Conversations;

/// <summary>
/// What a conversation hands over to the customer's conversation when its key turns out to be that customer's alias:
/// the updates that made its log, as the webhook brought them, so the customer's conversation dedupes them and applies
/// its own rules. What this conversation decided itself (automatic replies, consent, read markers) is not handed
/// over: the customer's conversation decides again.
/// </summary>
internal static class HandOverUpdates
{
    /// <summary>The update that raised <paramref name="event"/>, or null for an event no update raises.</summary>
    public static ConversationUpdate? Of(ConversationEvent @event) => @event switch
    {
        MessageReceived received => received.Message,
        ReactionReceived reaction => Reaction(reaction.MessageId, reaction.TargetMessageId, reaction.Emoji, reaction.Timestamp, reaction.RawJson),
        ReactionRemoved removal => Reaction(removal.MessageId, removal.TargetMessageId, emoji: null, removal.Timestamp, removal.RawJson),
        StatusUpdated status => status.Report,
        UserPreferenceChanged preference => preference.Preference,
        MessageEdited edited => edited.Edit,
        MessageRevoked revoked => revoked.Revoke,
        CallLogged call => call.Call,
        MessageImported imported => imported.Message,
        GroupEventRecorded group => group.Event,
        _ => null,
    };

    // A reaction's event keeps what its state needs; the customer's conversation needs no more to store it.
    private static InboundMessage Reaction(string messageId, string targetMessageId, string? emoji, DateTimeOffset timestamp, string rawJson) =>
        new(messageId, FromWaId: null, FromUserId: null, timestamp, "reaction", Text: null, ProfileName: null, rawJson, new MessageContent { Reaction = new Reaction(targetMessageId, emoji) });
}
