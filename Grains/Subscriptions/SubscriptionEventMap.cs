using System.Reflection;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Subscriptions;

namespace WaApp.Grains.Subscriptions;

/// <summary>
/// The one mapping from stored events to subscription event names, used by live delivery, crash recovery and replay
/// alike, so the three can never disagree about what a subscriber receives. Keyed by the stored type name, so a stored
/// event is classified without being deserialized.
/// </summary>
public static class SubscriptionEventMap
{
    private static readonly Dictionary<string, string> TypesByStoredName = new(StringComparer.Ordinal)
    {
        [NameOf<MessageReceived>()] = SubscriptionEventTypes.MessageReceived,
        [NameOf<StatusUpdated>()] = SubscriptionEventTypes.MessageStatus,
        [NameOf<MessageSent>()] = SubscriptionEventTypes.MessageSent,
        [NameOf<MessageFailed>()] = SubscriptionEventTypes.MessageFailed,
        [NameOf<ConversationAssigned>()] = SubscriptionEventTypes.ConversationAssigned,
        [NameOf<ConversationClosed>()] = SubscriptionEventTypes.ConversationClosed,
        [NameOf<ConsentChanged>()] = SubscriptionEventTypes.ContactChanged,
        [NameOf<UserPreferenceChanged>()] = SubscriptionEventTypes.ContactChanged,
        [NameOf<MediaStored>()] = SubscriptionEventTypes.MediaStored,
    };

    /// <summary>The subscription event a stored conversation event is, or null when subscribers never see it.</summary>
    public static string? TypeOf(RecordedEvent recorded) => TypesByStoredName.GetValueOrDefault(recorded.Event.TypeName);

    // The stored name is the event's [Alias] (see EventTypeMap), so renaming a C# type changes nothing here.
    private static string NameOf<TEvent>()
        where TEvent : ConversationEvent =>
        typeof(TEvent).GetCustomAttribute<AliasAttribute>(inherit: false)!.Alias;
}
