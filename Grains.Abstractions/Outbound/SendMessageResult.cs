using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>What a conversation did with a send or retry request.</summary>
[GenerateSerializer, Alias("waapp.SendDisposition")]
public enum SendDisposition
{
    /// <summary>Stored in the outbox and handed to the number's sender.</summary>
    Queued = 0,

    /// <summary>The idempotency key was used before: nothing new was queued; <see cref="SendMessageResult.Message"/> is the earlier message.</summary>
    Duplicate = 1,

    /// <summary>Free-form content while the 24-hour customer service window is closed: only a template may be sent.</summary>
    WindowClosed = 2,

    /// <summary>The customer opted out of messages from this business.</summary>
    OptedOut = 3,

    /// <summary>The request itself is wrong (empty text, bad key…); nothing was stored.</summary>
    Invalid = 4,

    /// <summary>A retry of a message that is not in a retryable state (or does not exist).</summary>
    NotRetryable = 5,

    /// <summary>The idempotency key was used before for a different request: nothing was queued.</summary>
    KeyReused = 6,
}

/// <param name="Message">The outbound message (for Queued and Duplicate, and for a NotRetryable retry of a known message).</param>
/// <param name="Reason">Why the request was refused, in words a person can act on.</param>
/// <param name="Field">For an invalid request, the JSON path of the field at fault (e.g. <c>reaction.message_id</c>).</param>
[GenerateSerializer, Immutable, Alias("waapp.SendMessageResult")]
public sealed record SendMessageResult(SendDisposition Disposition, MessageView? Message, string? Reason = null, string? Field = null);
