using System.Text.Json.Serialization;
using WaApp.WhatsApp.Identities;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// The body of <c>POST /{version}/{phone-number-id}/messages</c>. Build it with the static factories, which set
/// <see cref="Type"/> and the matching payload together; add a reply target or callback data with <c>with</c>
/// or <see cref="InReplyTo"/> / <see cref="WithCallbackData"/>.
/// </summary>
public sealed record SendMessageRequest
{
    /// <summary>Meta accepts at most this many characters of <see cref="BizOpaqueCallbackData"/>.</summary>
    public const int MaxCallbackDataLength = 512;

    private SendMessageRequest(string to, string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        // Users behind a username are reached by their business-scoped user id in recipient; Meta does not deliver a
        // BSUID put in to.
        if (BusinessScopedUserId.IsValid(to))
        {
            Recipient = to;
        }
        else
        {
            To = to;
        }

        Type = type;
    }

    public string MessagingProduct { get; } = "whatsapp";

    public string RecipientType { get; init; } = "individual";

    /// <summary>The recipient's phone number with <c>+</c> and country code, or the <c>wa_id</c> Meta returned; null when <see cref="Recipient"/> is set.</summary>
    public string? To { get; }

    /// <summary>The recipient's business-scoped user id (BSUID or parent BSUID), for users known only by it; null when <see cref="To"/> is set.</summary>
    public string? Recipient { get; }

    /// <summary>Whoever the message goes to: <see cref="To"/> or <see cref="Recipient"/>.</summary>
    [JsonIgnore]
    public string Addressee => To ?? Recipient!;

    public string Type { get; }

    /// <summary>Makes the message a reply to <see cref="ReplyTarget.MessageId"/> (not for reactions).</summary>
    public ReplyTarget? Context { get; init; }

    /// <summary>Echoed by Meta in every status webhook of this message: our own send id goes here.</summary>
    public string? BizOpaqueCallbackData { get; init; }

    public TextPayload? Text { get; init; }

    public TemplatePayload? Template { get; init; }

    public MediaPayload? Image { get; init; }

    public MediaPayload? Audio { get; init; }

    public MediaPayload? Video { get; init; }

    public MediaPayload? Document { get; init; }

    public MediaPayload? Sticker { get; init; }

    public InteractivePayload? Interactive { get; init; }

    public LocationPayload? Location { get; init; }

    public IReadOnlyList<ContactCardPayload>? Contacts { get; init; }

    public ReactionPayload? Reaction { get; init; }

    /// <summary>
    /// The <c>"{type}": {…}</c> member of a message given as Meta's own JSON object (see <see cref="ForMessageObject"/>),
    /// written verbatim next to the fields above. Null for messages built from the typed payloads.
    /// </summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? MessageObject { get; init; }

    public static SendMessageRequest ForText(string to, string body, bool previewUrl = false) =>
        new(to, "text") { Text = new TextPayload(body, previewUrl ? true : null) };

    public static SendMessageRequest ForTemplate(string to, TemplatePayload template) =>
        new(to, "template") { Template = template };

    public static SendMessageRequest ForImage(string to, MediaPayload image) => new(to, "image") { Image = image };

    public static SendMessageRequest ForAudio(string to, MediaPayload audio) => new(to, "audio") { Audio = NoCaption(audio, "audio") };

    public static SendMessageRequest ForVideo(string to, MediaPayload video) => new(to, "video") { Video = video };

    public static SendMessageRequest ForDocument(string to, MediaPayload document) => new(to, "document") { Document = document };

    public static SendMessageRequest ForSticker(string to, MediaPayload sticker) => new(to, "sticker") { Sticker = NoCaption(sticker, "sticker") };

    public static SendMessageRequest ForInteractive(string to, InteractivePayload interactive) =>
        new(to, "interactive") { Interactive = interactive };

    public static SendMessageRequest ForLocation(string to, LocationPayload location) =>
        new(to, "location") { Location = location };

    public static SendMessageRequest ForContacts(string to, IReadOnlyList<ContactCardPayload> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (contacts.Count == 0)
        {
            throw new ArgumentException("At least one contact card is required.", nameof(contacts));
        }

        return new(to, "contacts") { Contacts = contacts };
    }

    /// <summary>
    /// A message whose <paramref name="type"/> member is Meta's JSON object as documented for that type (an interactive
    /// list, a template with components…). Check it with <see cref="MessageObjectRules.Check"/> first.
    /// </summary>
    public static SendMessageRequest ForMessageObject(string to, string type, System.Text.Json.JsonElement payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return new(to, type) { MessageObject = new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal) { [type] = payload.Clone() } };
    }

    /// <summary>Reacts to <paramref name="messageId"/>; an empty <paramref name="emoji"/> removes our reaction.</summary>
    public static SendMessageRequest ForReaction(string to, string messageId, string emoji) =>
        new(to, "reaction") { Reaction = new ReactionPayload(messageId, emoji) };

    public SendMessageRequest InReplyTo(string messageId)
    {
        if (Type == "reaction")
        {
            throw new InvalidOperationException("A reaction already names its target message; it cannot also be a reply.");
        }

        return this with { Context = new ReplyTarget(messageId) };
    }

    public SendMessageRequest WithCallbackData(string callbackData)
    {
        ArgumentNullException.ThrowIfNull(callbackData);
        if (callbackData.Length > MaxCallbackDataLength)
        {
            throw new ArgumentException($"biz_opaque_callback_data is limited to {MaxCallbackDataLength} characters.", nameof(callbackData));
        }

        return this with { BizOpaqueCallbackData = callbackData };
    }

    private static MediaPayload NoCaption(MediaPayload media, string type)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Caption is null
            ? media
            : throw new ArgumentException($"WhatsApp does not show captions on {type} messages.", nameof(media));
    }
}

/// <summary>The <c>context</c> object that turns a message into a reply.</summary>
public sealed record ReplyTarget(string MessageId);
