namespace WaApp.Grains.Abstractions.Events;

/// <summary>
/// This conversation's key is an alias of a customer whose conversation is <paramref name="ConversationId"/> (the
/// customer changed number or BSUID, or first showed their number after writing by username): everything that
/// arrives here from now on belongs there.
/// </summary>
[GenerateSerializer, Immutable, Alias("conversation.redirected.v1")]
public sealed record ConversationRedirected(string ConversationId) : ConversationEvent;

/// <summary>
/// A new conversation does not know yet whether its customer is new: it must claim <paramref name="Alias"/> in the
/// alias index first (its own BSUID key, or the BSUID its number's first message carried). Raised in the first commit,
/// so a conversation whose activation died before the claim answered still knows, when replayed, that it must settle.
/// </summary>
[GenerateSerializer, Immutable, Alias("conversation.identity-claim-pending.v1")]
public sealed record IdentityClaimPending(string Alias) : ConversationEvent;

/// <summary>
/// The claim of <see cref="IdentityClaimPending"/> answered that the customer is this conversation's own
/// (<paramref name="ContactId"/>): it is a conversation of its own, and the automatic replies it held may go.
/// A hand-over is recorded as <see cref="ConversationRedirected"/> instead.
/// </summary>
[GenerateSerializer, Immutable, Alias("conversation.identity-settled.v1")]
public sealed record IdentitySettled(string ContactId) : ConversationEvent;
