using WaApp.Grains.Abstractions.Conversations;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks;

/// <summary>Maps the parsed wire model of a message or status to the typed content the grains store.</summary>
internal static class WebhookContentMapper
{
    public static MessageContent ToContent(WebhookMessage message) => new()
    {
        Text = message.Text?.Body,
        Media = ToMedia(message),
        Location = message.Location is { } location
            ? new SharedLocation(Finite(location.Latitude), Finite(location.Longitude), location.Name, location.Address, location.Url)
            : null,
        Contacts = message.Contacts?.Select(ToCard).ToList(),
        Selection = ToSelection(message),
        Flow = message.Interactive?.NfmReply is { } flow
            ? new FlowAnswer(flow.Name, flow.Body, flow.ResponseJson, FlowToken(flow))
            : null,
        Reaction = message.Reaction is { } reaction ? new Reaction(reaction.MessageId, reaction.Emoji) : null,
        Order = message.Order is { } order
            ? new CatalogOrder(order.CatalogId, order.Text, [.. (order.ProductItems ?? []).Select(item =>
                new OrderLine(item.ProductRetailerId, item.Quantity, item.ItemPrice, item.Currency))])
            : null,
        System = message.System is { } system
            ? new SystemNotice(system.Type, system.Body, ContactIdentity.NewWaId(system), ContactIdentity.NewUserId(system))
            : null,
        UnsupportedType = message.Unsupported?.Type,
        Context = message.Context is { } context
            ? new ReplyContext(context.Id, context.From, context.Forwarded == true, context.FrequentlyForwarded == true,
                context.ReferredProduct?.CatalogId, context.ReferredProduct?.ProductRetailerId)
            : null,
        Referral = message.Referral is { } referral
            ? new AdReferral(referral.SourceUrl, referral.SourceId, referral.SourceType, referral.Headline, referral.Body, referral.MediaType,
                referral.ImageUrl ?? referral.VideoUrl, referral.ThumbnailUrl, referral.CtwaClid, referral.WelcomeMessage?.Text)
            : null,
        Errors = ToErrors(message.Errors),
    };

    /// <summary>The text a person reads in a list of messages: body, caption, tapped title or emoji.</summary>
    public static string? ReadableText(WebhookMessage message) =>
        message.Text?.Body
        ?? message.Image?.Caption ?? message.Video?.Caption ?? message.Document?.Caption
        ?? message.Interactive?.ButtonReply?.Title ?? message.Interactive?.ListReply?.Title ?? message.Interactive?.NfmReply?.Body
        ?? (message.Interactive?.CallPermissionReply?.Response is { } permission ? $"Call permission: {permission}" : null)
        ?? message.Button?.Text
        ?? message.Reaction?.Emoji
        ?? message.Order?.Text
        ?? message.System?.Body
        ?? message.Location?.Name;

    public static IReadOnlyList<ErrorDetail>? ToErrors(IReadOnlyList<WebhookError>? errors) =>
        errors is null ? null : [.. errors.Select(ToError)];

    public static ErrorDetail ToError(WebhookError error) =>
        new(error.Code, error.Title, error.Message, error.ErrorData?.Details, error.Href);

    private static MediaAttachment? ToMedia(WebhookMessage message) => MediaOf(message) is { } media && ToAttachment(message) is { } attachment
        ? attachment with { InvalidMediaId = media.InvalidId }
        : null;

    private static MediaContent? MediaOf(WebhookMessage message) =>
        (MediaContent?)message.Image ?? (MediaContent?)message.Audio ?? (MediaContent?)message.Video ?? (MediaContent?)message.Document ?? message.Sticker;

    private static MediaAttachment? ToAttachment(WebhookMessage message) => message switch
    {
        { Image: { } image } => new MediaAttachment("image", image.Id, image.MimeType, image.Sha256, image.Url, image.Caption, null, null, null),
        { Audio: { } audio } => new MediaAttachment("audio", audio.Id, audio.MimeType, audio.Sha256, audio.Url, null, null, audio.Voice, null),
        { Video: { } video } => new MediaAttachment("video", video.Id, video.MimeType, video.Sha256, video.Url, video.Caption, null, null, null),
        { Document: { } document } => new MediaAttachment("document", document.Id, document.MimeType, document.Sha256, document.Url, document.Caption, document.Filename, null, null),
        { Sticker: { } sticker } => new MediaAttachment("sticker", sticker.Id, sticker.MimeType, sticker.Sha256, sticker.Url, null, null, null, sticker.Animated),
        _ => null,
    };

    private static ReplySelection? ToSelection(WebhookMessage message) => message switch
    {
        { Interactive.ButtonReply: { } button } => new ReplySelection("button_reply", button.Id, button.Title, null),
        { Interactive.ListReply: { } row } => new ReplySelection("list_reply", row.Id, row.Title, row.Description),
        { Button: { } quickReply } => new ReplySelection("button", quickReply.Payload, quickReply.Text, null),
        { Interactive.CallPermissionReply: { } permission } => new ReplySelection("call_permission_reply", permission.Response, permission.Response, null),
        _ => null,
    };

    private static ContactCard ToCard(SharedContact card) => new(
        card.Name?.FormattedName,
        card.Name?.FirstName,
        card.Name?.LastName,
        card.Org?.Company,
        card.Org?.Department,
        card.Org?.Title,
        card.Birthday,
        [.. (card.Phones ?? []).Select(phone => new ContactCardPhone(phone.Phone, phone.WaId, phone.Type))],
        [.. (card.Emails ?? []).Select(email => new LabeledValue(email.Email, email.Type))],
        [.. (card.Urls ?? []).Select(url => new LabeledValue(url.Url, url.Type))],
        [.. (card.Addresses ?? []).Select(address => new ContactCardAddress(address.Street, address.City, address.State, address.Zip, address.Country, address.CountryCode, address.Type))]);

    private static string? FlowToken(FlowReply flow) =>
        flow.Response is { ValueKind: System.Text.Json.JsonValueKind.Object } response
        && response.TryGetProperty("flow_token", out var token) && token.ValueKind == System.Text.Json.JsonValueKind.String
            ? token.GetString()
            : null;

    // JSON allows numbers no double can hold (1e309); a coordinate that is not finite is no coordinate.
    private static double? Finite(double? value) => value is { } number && double.IsFinite(number) ? number : null;
}
