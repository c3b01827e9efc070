using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WaApp.WhatsApp.Webhooks.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// The one way into a verified webhook body: <see cref="Parse"/> reads it and yields routed <see cref="WebhookUpdate"/>s.
/// Only a body that is not a WhatsApp envelope at all raises <see cref="WebhookFormatException"/>; an odd message,
/// status or field is kept with its raw JSON instead, because rejecting the body would make Meta retry it for days.
/// </summary>
public static class WebhookParser
{
    /// <summary>Deeper than any Meta payload (Flow answers arrive as a string); stops pathological nesting early.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Parses the exact bytes that were signed into the updates they carry, in body order.</summary>
    /// <exception cref="WebhookFormatException">Invalid JSON, or valid JSON that is not a webhook envelope.</exception>
    /// <remarks>
    /// A JSON object whose <c>object</c> names another Meta product (e.g. <c>page</c>) is authentic but not ours: it
    /// parses to <see cref="ParsedWebhook.IsWhatsApp"/> false and no updates, to be acknowledged. Dashboard samples
    /// (entry id <c>0</c>) are counted in <see cref="ParsedWebhook.DashboardSampleCount"/> and yield no updates.
    /// </remarks>
    public static ParsedWebhook Parse(ReadOnlyMemory<byte> body) => WebhookFlattener.Flatten(ReadEnvelope(body));

    /// <summary>The body as read, before flattening; <see cref="Parse"/> is the entry point, this is its first half.</summary>
    internal static WebhookEnvelope ReadEnvelope(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw new WebhookFormatException($"The webhook body is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            try
            {
                return ReadEnvelope(document.RootElement);
            }
            catch (InvalidOperationException exception)
            {
                // JsonDocument accepts invalid UTF-8 and lone surrogate escapes ("\ud800") inside strings; reading them throws.
                throw new WebhookFormatException("The webhook body has a string that is not valid Unicode.", exception);
            }
        }
    }

    private static WebhookEnvelope ReadEnvelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookFormatException($"The webhook body must be a JSON object, not {Describe(root.ValueKind)}.");
        }

        if (!root.TryGetProperty("object", out var objectElement) || objectElement.ValueKind != JsonValueKind.String)
        {
            throw new WebhookFormatException("The webhook body has no \"object\" string.");
        }

        var objectName = objectElement.GetString()!;
        if (objectName != ParsedWebhook.WhatsAppObject)
        {
            return new WebhookEnvelope(objectName, []);
        }

        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new WebhookFormatException("The webhook body has no \"entry\" array.");
        }

        List<WebhookEntry> result = new(entries.GetArrayLength());
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookFormatException($"Every \"entry\" item must be a JSON object, not {Describe(entry.ValueKind)}.");
            }

            result.Add(ReadEntry(entry));
        }

        return new WebhookEnvelope(objectName, result);
    }

    private static WebhookEntry ReadEntry(JsonElement entry)
    {
        var id = entry.TryGetProperty("id", out var idElement) ? IdText(idElement) : null;
        var time = entry.TryGetProperty("time", out var timeElement) ? UnixTimeConverter.TryRead(timeElement) : null;
        List<WebhookChange> changes = [];
        if (entry.TryGetProperty("changes", out var changesElement) && changesElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var change in changesElement.EnumerateArray())
            {
                changes.Add(ReadChange(change));
            }
        }

        return new WebhookEntry(id, time, changes);
    }

    private static WebhookChange ReadChange(JsonElement change)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            return new WebhookChange(string.Empty, change.GetRawText(), Messages: null, BusinessValue: null);
        }

        var field = change.TryGetProperty("field", out var fieldElement) && fieldElement.ValueKind == JsonValueKind.String
            ? fieldElement.GetString()!
            : string.Empty;
        if (!change.TryGetProperty("value", out var value))
        {
            return new WebhookChange(field, "null", Messages: null, BusinessValue: null);
        }

        var raw = value.GetRawText();
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new WebhookChange(field, raw, Messages: null, BusinessValue: null);
        }

        return field switch
        {
            WebhookFields.Messages or WebhookFields.UserPreferences => new WebhookChange(field, raw, ReadMessagesValue(value), BusinessValue: null),
            WebhookFields.MessageTemplateStatusUpdate => new WebhookChange(field, raw, null, TryDeserialize(value, WebhookJsonContext.Default.TemplateStatusEvent, out _)),
            WebhookFields.PhoneNumberQualityUpdate => new WebhookChange(field, raw, null, TryDeserialize(value, WebhookJsonContext.Default.PhoneNumberQualityEvent, out _)),
            WebhookFields.AccountUpdate => new WebhookChange(field, raw, null, TryDeserialize(value, WebhookJsonContext.Default.AccountEvent, out _)),
            _ when ExtendedFieldReader.Handles(field) => new WebhookChange(field, raw, null, null) { Extended = ExtendedFieldReader.Read(field, value) },
            _ => new WebhookChange(field, raw, Messages: null, BusinessValue: null),
        };
    }

    private static MessagesValue ReadMessagesValue(JsonElement value)
    {
        var metadata = value.TryGetProperty("metadata", out var metadataElement)
            ? TryDeserialize(metadataElement, WebhookJsonContext.Default.WebhookMetadata, out _)
            : null;

        return new MessagesValue(
            metadata,
            ReadItems(value, "contacts", element => TryDeserialize(element, WebhookJsonContext.Default.WebhookContact, out _)),
            ReadItems(value, "messages", ReadMessage),
            ReadItems(value, "statuses", ReadStatus),
            ReadItems(value, "errors", element => TryDeserialize(element, WebhookJsonContext.Default.WebhookError, out _) ?? new WebhookError()),
            ReadItems(value, "user_preferences", ReadUserPreference));
    }

    private static List<WebhookItem<T>> ReadItems<T>(JsonElement value, string name, Func<JsonElement, T?> read)
        where T : class
    {
        if (!value.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        List<WebhookItem<T>> items = new(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
        {
            if (read(element) is { } item)
            {
                items.Add(new WebhookItem<T>(item, element.GetRawText()));
            }
        }

        return items;
    }

    private static WebhookMessage ReadMessage(JsonElement element)
    {
        var message = TryDeserialize(element, WebhookJsonContext.Default.WebhookMessage, out var error)
            ?? new WebhookMessage
            {
                Id = StringProperty(element, "id"),
                From = StringProperty(element, "from"),
                FromUserId = StringProperty(element, "from_user_id"),
                Timestamp = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("timestamp", out var timestamp) ? UnixTimeConverter.TryRead(timestamp) : null,
                Type = StringProperty(element, "type"),
                ParseError = error,
            };

        // A Flow's answers are a JSON document encoded as a string: decode it a second time.
        if (message.Interactive?.NfmReply is { ResponseJson: { } responseJson } reply)
        {
            message = message with { Interactive = message.Interactive with { NfmReply = reply with { Response = TryParseEmbedded(responseJson) } } };
        }

        return BoundMediaId(message);
    }

    /// <summary>
    /// A media id longer than <see cref="MediaContent.MaxIdLength"/> is read as invalid for this message only: the message
    /// is kept (its file marked as failed) and the rest of the batch is untouched.
    /// </summary>
    private static WebhookMessage BoundMediaId(WebhookMessage message) => message switch
    {
        { Image: { Id.Length: > MediaContent.MaxIdLength } image } => message with { Image = image with { Id = null, InvalidId = true } },
        { Audio: { Id.Length: > MediaContent.MaxIdLength } audio } => message with { Audio = audio with { Id = null, InvalidId = true } },
        { Video: { Id.Length: > MediaContent.MaxIdLength } video } => message with { Video = video with { Id = null, InvalidId = true } },
        { Document: { Id.Length: > MediaContent.MaxIdLength } document } => message with { Document = document with { Id = null, InvalidId = true } },
        { Sticker: { Id.Length: > MediaContent.MaxIdLength } sticker } => message with { Sticker = sticker with { Id = null, InvalidId = true } },
        _ => message,
    };

    private static WebhookStatus ReadStatus(JsonElement element) =>
        TryDeserialize(element, WebhookJsonContext.Default.WebhookStatus, out var error)
            ?? new WebhookStatus
            {
                Id = StringProperty(element, "id"),
                Status = StringProperty(element, "status"),
                Timestamp = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("timestamp", out var timestamp) ? UnixTimeConverter.TryRead(timestamp) : null,
                RecipientId = StringProperty(element, "recipient_id"),
                RecipientUserId = StringProperty(element, "recipient_user_id"),
                ParseError = error,
            };

    private static WebhookUserPreference ReadUserPreference(JsonElement element) =>
        TryDeserialize(element, WebhookJsonContext.Default.WebhookUserPreference, out _)
            ?? new WebhookUserPreference { WaId = StringProperty(element, "wa_id"), UserId = StringProperty(element, "user_id") };

    private static T? TryDeserialize<T>(JsonElement element, JsonTypeInfo<T> typeInfo, out string? error)
        where T : class
    {
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object, found {Describe(element.ValueKind)}";
            return null;
        }

        try
        {
            return element.Deserialize(typeInfo);
        }
        catch (JsonException exception)
        {
            error = exception.Message;
            return null;
        }
    }

    private static JsonElement? TryParseEmbedded(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var property) ? IdText(property) : null;

    private static string? IdText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
