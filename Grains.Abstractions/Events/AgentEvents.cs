namespace WaApp.Grains.Abstractions.Events;

/// <summary>An agent (or auto mark-as-read) read the conversation up to message <paramref name="UpToSequence"/>.</summary>
/// <param name="ReceiptFor">
/// The newest customer message this read covers, whose read receipt goes to Meta (null: none, or stored before read
/// receipts were sent). Each customer message gets at most one receipt: the read marker only moves forward.
/// </param>
[GenerateSerializer, Immutable, Alias("conversation.marked-read.v1")]
public sealed record ConversationMarkedRead(string By, long UpToSequence, string? ReceiptFor = null) : ConversationEvent;

/// <summary>The conversation was assigned to <paramref name="Agent"/> (null: unassigned) by <paramref name="By"/>.</summary>
[GenerateSerializer, Immutable, Alias("conversation.assigned.v1")]
public sealed record ConversationAssigned(string? Agent, string By) : ConversationEvent;

[GenerateSerializer, Immutable, Alias("conversation.closed.v1")]
public sealed record ConversationClosed(string By) : ConversationEvent;

/// <summary>Reopened by an agent, or by the customer writing again (<paramref name="By"/> = <c>customer</c>).</summary>
[GenerateSerializer, Immutable, Alias("conversation.reopened.v1")]
public sealed record ConversationReopened(string By) : ConversationEvent;
