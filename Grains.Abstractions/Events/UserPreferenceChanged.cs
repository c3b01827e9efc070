using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.Events;

/// <summary>The customer stopped or resumed a category of messages (e.g. marketing) from this business number.</summary>
[GenerateSerializer, Immutable, Alias("conversation.user-preference-changed.v1")]
public sealed record UserPreferenceChanged(PreferenceReport Preference) : ConversationEvent;
