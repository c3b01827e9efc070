namespace WaApp.WhatsApp.Graph;

/// <summary>Meta's answer to an accepted send: accepted, not delivered.</summary>
internal sealed record SendMessageResponse(
    string? MessagingProduct,
    IReadOnlyList<SendMessageResponseContact>? Contacts,
    IReadOnlyList<SendMessageResponseMessage>? Messages);

internal sealed record SendMessageResponseContact(string? Input, string? WaId, string? UserId);

internal sealed record SendMessageResponseMessage(string? Id, string? MessageStatus);

/// <summary>Meta's answer to mark-as-read and typing indicators.</summary>
internal sealed record SuccessResponse(bool Success);
