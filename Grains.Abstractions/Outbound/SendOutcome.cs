namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>The fate of one message handed to a sender.</summary>
[GenerateSerializer, Immutable]
public abstract record SendOutcome;

/// <summary>Meta accepted the message; statuses will say whether it is delivered.</summary>
/// <param name="MessageId">The wamid status webhooks carry.</param>
/// <param name="WaId">The canonical wa_id of the recipient, when Meta returned one.</param>
[GenerateSerializer, Immutable, Alias("waapp.SendOutcome.Accepted")]
public sealed record SendAccepted(string MessageId, string? WaId) : SendOutcome;

/// <summary>Meta refused the message, or it provably never left; <paramref name="Class"/> says what to do next.</summary>
/// <param name="Code">Meta's error code; -1 when the failure did not come from Meta.</param>
/// <param name="Attempts">How many times the sender tried (retries on throughput and transient errors included).</param>
[GenerateSerializer, Immutable, Alias("waapp.SendOutcome.Failed")]
public sealed record SendFailed(int Code, string Title, string? Details, SendErrorClass Class, int Attempts) : SendOutcome;

/// <summary>
/// The request may have reached Meta but no usable answer came back. The Messages API has no idempotency key, so
/// the sender does not resend it: a person decides, once statuses have had time to arrive.
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.SendOutcome.Unknown")]
public sealed record SendUnknown(string Reason) : SendOutcome;

/// <summary>The sender did not send the message at all (its queue was full, or it waited too long); safe to try again.</summary>
[GenerateSerializer, Immutable, Alias("waapp.SendOutcome.Rejected")]
public sealed record SendRejected(string Reason) : SendOutcome;
