namespace WaApp.Grains.Abstractions.Events;

/// <summary>
/// This conversation's key is an alias of a customer whose conversation is <paramref name="ConversationId"/> (the
/// customer changed number or BSUID, or first showed their number after writing by username): everything that
/// arrives here from now on belongs there.
/// </summary>
[GenerateSerializer, Immutable, Alias("conversation.redirected.v1")]
public sealed record ConversationRedirected(string ConversationId) : ConversationEvent;
