namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>One update from a webhook for a single conversation, in the order Meta delivered it.</summary>
[GenerateSerializer, Immutable]
public abstract record ConversationUpdate;
