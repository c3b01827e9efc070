using System.Text.Json.Serialization;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.WebGateway.Api;

/// <summary>
/// A page of messages, newest last; <see cref="Next"/> fetches the older page before it (null at the start),
/// <see cref="Newer"/> the messages after it (pass it as <c>after</c>; an empty page means nothing new yet).
/// </summary>
public sealed record MessageListResponse(IReadOnlyList<MessageItem> Items, string? Next, string? Newer = null);

/// <summary>One message as the REST API shows it.</summary>
/// <param name="Direction"><c>inbound</c> (from the customer) or <c>outbound</c> (from the business).</param>
/// <param name="Status"><c>received</c> for inbound messages; the delivery status for outbound ones.</param>
public sealed record MessageItem(string Id, string Direction, string Type, string? Text, DateTimeOffset Timestamp, string Status)
{
    /// <summary>What an inbound message says, typed (media, location, selection, order, context, referral, …).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessageContent? Content { get; init; }

    /// <summary>Each delivery status of an outbound message with its own time.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, DateTimeOffset>? StatusTimes { get; init; }

    /// <summary>Why an outbound message failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ErrorDetail>? Errors { get; init; }

    /// <summary>The customer's current reaction to the message.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reaction { get; init; }

    /// <summary><c>business_app</c> for a message sent from the WhatsApp Business app (coexistence), <c>history</c> for an imported one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Origin { get; init; }

    /// <summary>Earlier versions of a message the customer edited, oldest first; <see cref="Text"/> is the current one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MessageEditView>? Edits { get; init; }

    /// <summary>When the customer deleted the message for everyone (its text and content are gone).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The participant (wa_id or BSUID) who wrote a group message.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sender { get; init; }

    /// <summary>The file of a media message: <c>status</c> pending, stored or failed, with its type, size and sha256.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MediaItem? Media { get; init; }

    public static MessageItem From(MessageView message) => new(
        message.Id,
        message.Direction == MessageDirection.Inbound ? "inbound" : "outbound",
        message.Type,
        message.Text,
        message.Timestamp,
        message.Status)
    {
        Content = message.Content,
        StatusTimes = message.StatusTimes,
        Errors = message.Errors,
        Reaction = message.Reaction,
        Origin = message.Origin,
        Edits = message.Edits,
        DeletedAt = message.DeletedAt,
        Sender = message.Sender,
        Media = message.Media is { } media ? MediaItem.From(media) : null,
    };
}

/// <summary>A message's file as the REST API shows it; fetch the bytes from <c>…/messages/{id}/media</c> once stored.</summary>
public sealed record MediaItem(
    string Status,
    string? MimeType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Size,
    string? Sha256,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Filename,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Caption,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    public static MediaItem From(WaApp.Grains.Abstractions.Media.MessageMedia media) =>
        new(media.Status, media.MimeType, media.Size, media.Sha256, media.Filename, media.Caption, media.Error);
}
