namespace WaApp.WhatsApp.Graph;

/// <summary>The outcome of one send: accepted, failed for a known reason, or unknown (it may or may not have gone out).</summary>
public abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>Meta accepted the message (statuses will tell whether it is delivered).</summary>
    /// <param name="MessageId">The wamid that status webhooks will carry.</param>
    /// <param name="WaId">The canonical WhatsApp id of the recipient (store it: it can differ from the number sent to).</param>
    public sealed record Accepted(string MessageId, string? WaId) : SendResult
    {
        /// <summary>Templates under pacing only: <c>accepted</c> or <c>held_for_quality_assessment</c>.</summary>
        public string? MessageStatus { get; init; }

        /// <summary>The recipient's business-scoped user id, when Meta returns one.</summary>
        public string? UserId { get; init; }
    }

    /// <summary>The message was not sent; <see cref="Error"/> says why and whether to retry.</summary>
    public sealed record Failed(GraphError Error) : SendResult
    {
        public int Code => Error.Code;

        public string Title => Error.Title;

        public string? Details => Error.Details;

        public GraphErrorClass Class => Error.Class;
    }

    /// <summary>
    /// The request may have reached Meta but no usable answer came back (timeout, connection reset, 5xx without a
    /// Graph body). The Messages API has no idempotency key, so resending could deliver twice: reconcile first
    /// (statuses carry <c>biz_opaque_callback_data</c>).
    /// </summary>
    public sealed record Unknown(string Reason) : SendResult;
}

/// <summary>The outcome of a mark-as-read or typing-indicator call.</summary>
public abstract record ReadReceiptResult
{
    private ReadReceiptResult()
    {
    }

    public sealed record Succeeded : ReadReceiptResult;

    public sealed record Failed(GraphError Error) : ReadReceiptResult;

    public sealed record Unknown(string Reason) : ReadReceiptResult;
}
