using System.Text.Json;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.WhatsApp.Graph;
using WaApp.WhatsApp.Identities;

namespace WaApp.Grains.Outbound;

/// <summary>Translates between the cluster's send contract and the Graph API client's wire types.</summary>
public static class OutboundRequests
{
    /// <summary>
    /// The Graph API request for <paramref name="send"/>, or an explanation of why it cannot be sent. Checked before
    /// the message is queued, so bad input never reaches Meta.
    /// </summary>
    public static SendMessageRequest? TryBuild(OutboundSend send, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(send);
        problem = Check(send);
        if (problem is not null)
        {
            return null;
        }

        var to = ToRecipient(send.To);
        var request = send.Content switch
        {
            TextContent text => SendMessageRequest.ForText(to, text.Body, text.PreviewUrl),
            TemplateContent template => SendMessageRequest.ForTemplate(to, ToPayload(template)),
            MessageObjectContent message => ForMessageObject(to, message),
            _ => null,
        };
        if (request is null)
        {
            problem = $"Content of type {send.Content.GetType().Name} cannot be sent.";
            return null;
        }

        if (send.ReplyTo is { Length: > 0 } replyTo)
        {
            request = request.InReplyTo(replyTo);
        }

        return request.WithCallbackData(send.SendId);
    }

    public static SendOutcome ToOutcome(SendResult result, int attempts) => result switch
    {
        SendResult.Accepted accepted => new SendAccepted(accepted.MessageId, accepted.WaId),
        SendResult.Failed failed => new SendFailed(failed.Code, failed.Title, failed.Details, ToClass(failed.Class), attempts),
        SendResult.Unknown unknown => new SendUnknown(unknown.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unexpected send result."),
    };

    public static SendErrorClass ToClass(GraphErrorClass errorClass) => errorClass switch
    {
        GraphErrorClass.RetryWithBackoff => SendErrorClass.RetryWithBackoff,
        GraphErrorClass.RetryRecipientLater => SendErrorClass.RetryRecipientLater,
        GraphErrorClass.NeedsTemplate => SendErrorClass.NeedsTemplate,
        GraphErrorClass.NeverRetry => SendErrorClass.NeverRetry,
        GraphErrorClass.StopSending => SendErrorClass.StopSending,
        _ => throw new ArgumentOutOfRangeException(nameof(errorClass), errorClass, "Unexpected error class."),
    };

    private static string? Check(OutboundSend send)
    {
        if (string.IsNullOrWhiteSpace(send.SendId) || send.SendId.Length > SendMessageRequest.MaxCallbackDataLength)
        {
            return $"The send id must be 1 to {SendMessageRequest.MaxCallbackDataLength} characters.";
        }

        if (ToRecipient(send.To) is not { Length: >= 8 and <= 16 } && !BusinessScopedUserId.IsValid(send.To))
        {
            return "The recipient must be a wa_id, a phone number with country code (7 to 15 digits) or a business-scoped user id.";
        }

        return send.Content switch
        {
            null => "The message has no content.",
            TextContent { Body: var body } when string.IsNullOrWhiteSpace(body) => "A text message needs a body.",
            TextContent { Body.Length: > TextContent.MaxLength } => $"A text message is limited to {TextContent.MaxLength} characters.",
            TemplateContent { Name: var name } when string.IsNullOrWhiteSpace(name) => "A template message needs the template's name.",
            TemplateContent { LanguageCode: var language } when string.IsNullOrWhiteSpace(language) => "A template message needs a language code, e.g. en_US.",
            TemplateContent { BodyParameters: var parameters } when parameters is null || parameters.Any(string.IsNullOrEmpty) =>
                "Template body parameters cannot be empty.",
            MessageObjectContent message => CheckMessageObject(message, send.ReplyTo),
            _ => null,
        };
    }

    /// <summary>The same checks the gateway makes, so a message object from any caller meets Meta's limits.</summary>
    private static string? CheckMessageObject(MessageObjectContent message, string? replyTo)
    {
        if (message.Json is not { Length: > 0 and <= MessageObjectContent.MaxJsonLength })
        {
            return $"A message object must be 1 to {MessageObjectContent.MaxJsonLength} characters of JSON.";
        }

        if (message.MessageType == "reaction" && replyTo is not null)
        {
            return "A reaction names its message itself; it cannot also be a reply.";
        }

        try
        {
            using var document = JsonDocument.Parse(message.Json);
            return MessageObjectRules.Check(message.MessageType, document.RootElement) is { } problem ? $"{problem.Field}: {problem.Message}" : null;
        }
        catch (JsonException)
        {
            return "The message object is not valid JSON.";
        }
    }

    private static SendMessageRequest ForMessageObject(string to, MessageObjectContent message)
    {
        using var document = JsonDocument.Parse(message.Json);
        return SendMessageRequest.ForMessageObject(to, message.MessageType, document.RootElement);
    }

    /// <summary>
    /// A business-scoped user id stays as it is (the request puts it in <c>recipient</c>). Meta reads a number without <c>+</c> as local to the business number's country, so wa_ids (digits only) get
    /// the <c>+</c>; spaces, dashes and parentheses are dropped. Anything else is not a phone number.
    /// </summary>
    private static string ToRecipient(string? to)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return string.Empty;
        }

        if (BusinessScopedUserId.IsValid(to))
        {
            return to;
        }

        var digits = new string([.. to.Where(char.IsAsciiDigit)]);
        var onlyPhoneCharacters = to.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')');
        return onlyPhoneCharacters && digits.Length is >= 7 and <= 15 ? "+" + digits : string.Empty;
    }

    private static TemplatePayload ToPayload(TemplateContent template) =>
        template.BodyParameters.Count == 0
            ? new TemplatePayload(template.Name, template.LanguageCode)
            : new TemplatePayload(template.Name, template.LanguageCode, TemplateComponent.Body([.. template.BodyParameters.Select(text => TemplateParameter.FromText(text))]));
}
