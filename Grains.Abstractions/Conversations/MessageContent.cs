using System.Text.Json.Serialization;

namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>
/// What an inbound message says, typed. Only the members that match its type are set (a text has
/// <see cref="Text"/>, an image <see cref="Media"/>, …); a type WaApp does not model has none, and its raw JSON
/// tells the rest.
/// </summary>
/// <remarks>Null members are left out of its JSON (in the event store and the REST API): only what the message has.</remarks>
[GenerateSerializer, Immutable, Alias("waapp.MessageContent")]
public sealed record MessageContent
{
    /// <summary>Body of a text message.</summary>
    [Id(0)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>Image, audio, voice note, video, document or sticker.</summary>
    [Id(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MediaAttachment? Media { get; init; }

    [Id(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SharedLocation? Location { get; init; }

    /// <summary>Contact cards the user shared.</summary>
    [Id(3)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ContactCard>? Contacts { get; init; }

    /// <summary>The reply button, list row or template quick-reply button the user tapped.</summary>
    [Id(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReplySelection? Selection { get; init; }

    /// <summary>A completed WhatsApp Flow (or address message).</summary>
    [Id(5)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FlowAnswer? Flow { get; init; }

    /// <summary>A reaction, or its removal when <see cref="Reaction.Emoji"/> is empty.</summary>
    [Id(6)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Reaction? Reaction { get; init; }

    [Id(7)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CatalogOrder? Order { get; init; }

    /// <summary>A system notice such as a number change.</summary>
    [Id(8)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SystemNotice? System { get; init; }

    /// <summary>What an unsupported message was (e.g. <c>poll_creation</c>).</summary>
    [Id(9)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UnsupportedType { get; init; }

    /// <summary>Reply, forward and product context.</summary>
    [Id(10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReplyContext? Context { get; init; }

    /// <summary>The ad or post a click-to-WhatsApp conversation started from.</summary>
    [Id(11)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdReferral? Referral { get; init; }

    /// <summary>Errors Meta attached to the message (unsupported types, unavailable content).</summary>
    [Id(12)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ErrorDetail>? Errors { get; init; }

    /// <summary>A call log entry (Calling API): direction, outcome and duration.</summary>
    [Id(13)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CallLog? Call { get; init; }
}

/// <param name="Kind"><c>image</c>, <c>audio</c>, <c>video</c>, <c>document</c> or <c>sticker</c>.</param>
/// <param name="MediaId">Meta's media id (downloadable for 7 days).</param>
/// <param name="Voice">True for a voice note; null when Meta did not say.</param>
[GenerateSerializer, Immutable, Alias("waapp.MediaAttachment")]
public sealed record MediaAttachment(
    string Kind,
    string? MediaId,
    string? MimeType,
    string? Sha256,
    string? Url,
    string? Caption,
    string? Filename,
    bool? Voice,
    bool? Animated)
{
    /// <summary>
    /// The webhook named a media id no real one can be (absurdly long): <see cref="MediaId"/> is null and the file is
    /// recorded as failed instead of fetched.
    /// </summary>
    [Id(20)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool InvalidMediaId { get; init; }
}

[GenerateSerializer, Immutable, Alias("waapp.SharedLocation")]
public sealed record SharedLocation(double? Latitude, double? Longitude, string? Name, string? Address, string? Url);

[GenerateSerializer, Immutable, Alias("waapp.ContactCard")]
public sealed record ContactCard(
    string? FormattedName,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Department,
    string? Title,
    string? Birthday,
    IReadOnlyList<ContactCardPhone> Phones,
    IReadOnlyList<LabeledValue> Emails,
    IReadOnlyList<LabeledValue> Urls,
    IReadOnlyList<ContactCardAddress> Addresses);

[GenerateSerializer, Immutable, Alias("waapp.ContactCardPhone")]
public sealed record ContactCardPhone(string? Phone, string? WaId, string? Type);

[GenerateSerializer, Immutable, Alias("waapp.LabeledValue")]
public sealed record LabeledValue(string? Value, string? Type);

[GenerateSerializer, Immutable, Alias("waapp.ContactCardAddress")]
public sealed record ContactCardAddress(string? Street, string? City, string? State, string? Zip, string? Country, string? CountryCode, string? Type);

/// <param name="Kind"><c>button_reply</c>, <c>list_reply</c> or <c>button</c> (template quick reply).</param>
/// <param name="Id">The id the business set on the button or row (a quick reply's payload).</param>
/// <param name="Title">What the user saw and tapped.</param>
[GenerateSerializer, Immutable, Alias("waapp.ReplySelection")]
public sealed record ReplySelection(string Kind, string? Id, string? Title, string? Description);

/// <param name="ResponseJson">The answers, a JSON document as Meta sent it.</param>
/// <param name="FlowToken">The <c>flow_token</c> the business set when sending the Flow, read from the answers.</param>
[GenerateSerializer, Immutable, Alias("waapp.FlowAnswer")]
public sealed record FlowAnswer(string? Name, string? Body, string? ResponseJson, string? FlowToken);

/// <param name="TargetMessageId">The wamid reacted to.</param>
/// <param name="Emoji">Null or empty when the user removed the reaction.</param>
[GenerateSerializer, Immutable, Alias("waapp.Reaction")]
public sealed record Reaction(string? TargetMessageId, string? Emoji)
{
    public bool IsRemoval => string.IsNullOrEmpty(Emoji);
}

[GenerateSerializer, Immutable, Alias("waapp.CatalogOrder")]
public sealed record CatalogOrder(string? CatalogId, string? Text, IReadOnlyList<OrderLine> Items);

[GenerateSerializer, Immutable, Alias("waapp.OrderLine")]
public sealed record OrderLine(string? ProductRetailerId, decimal? Quantity, decimal? ItemPrice, string? Currency);

/// <param name="Type">e.g. <c>user_changed_number</c>, <c>user_changed_user_id</c>.</param>
[GenerateSerializer, Immutable, Alias("waapp.SystemNotice")]
public sealed record SystemNotice(string? Type, string? Body, string? NewWaId, string? NewUserId);

/// <param name="QuotedMessageId">The wamid of the message the user replied to.</param>
[GenerateSerializer, Immutable, Alias("waapp.ReplyContext")]
public sealed record ReplyContext(
    string? QuotedMessageId,
    string? QuotedFrom,
    bool Forwarded,
    bool FrequentlyForwarded,
    string? ReferredCatalogId,
    string? ReferredProductRetailerId);

[GenerateSerializer, Immutable, Alias("waapp.AdReferral")]
public sealed record AdReferral(
    string? SourceUrl,
    string? SourceId,
    string? SourceType,
    string? Headline,
    string? Body,
    string? MediaType,
    string? MediaUrl,
    string? ThumbnailUrl,
    string? CtwaClid,
    string? WelcomeText);

/// <summary>An error as Meta reports it on messages, statuses and values.</summary>
[GenerateSerializer, Immutable, Alias("waapp.ErrorDetail")]
public sealed record ErrorDetail(int? Code, string? Title, string? Message, string? Details, string? Href);

/// <summary>A call between the customer and the business, as the timeline shows it.</summary>
/// <param name="Direction"><c>incoming</c> (the customer called) or <c>outgoing</c>.</param>
/// <param name="Outcome"><c>ringing</c>, <c>connected</c>, <c>missed</c> or <c>rejected</c>.</param>
/// <param name="DurationSeconds">How long the call was connected, once it ended.</param>
[GenerateSerializer, Immutable, Alias("waapp.CallLog")]
public sealed record CallLog(string Direction, string Outcome, int? DurationSeconds, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt)
{
    public const string Incoming = "incoming";
    public const string Outgoing = "outgoing";
    public const string Ringing = "ringing";
    public const string Connected = "connected";
    public const string Missed = "missed";
    public const string Rejected = "rejected";
}
