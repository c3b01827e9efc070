namespace WaApp.WhatsApp.Graph;

/// <summary>Marks an inbound message (and the ones before it) as read; optionally shows "typing…" for up to 25 s.</summary>
public sealed record MarkAsReadRequest
{
    public MarkAsReadRequest(string messageId, bool showTypingIndicator = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        MessageId = messageId;
        TypingIndicator = showTypingIndicator ? new TypingIndicator("text") : null;
    }

    public string MessagingProduct { get; } = "whatsapp";

    public string Status { get; } = "read";

    public string MessageId { get; }

    public TypingIndicator? TypingIndicator { get; }
}

public sealed record TypingIndicator(string Type);
