using System.Globalization;
using System.Text.Json.Nodes;
using WaApp.CloudApiSimulator.Media;
using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Webhooks;

/// <summary>Builds <c>messages</c>-field webhook bodies in Meta's envelope.</summary>
public static class WebhookPayloads
{
    public static JsonObject InboundText(string wabaId, string phoneNumberId, string displayPhoneNumber, string from, string? name, string messageId, DateTimeOffset sentAt, string text)
    {
        var contact = new JsonObject();
        if (name is not null)
        {
            contact["profile"] = new JsonObject { ["name"] = name };
        }

        contact["wa_id"] = from;
        var value = Value(phoneNumberId, displayPhoneNumber);
        value["contacts"] = new JsonArray(contact);
        value["messages"] = new JsonArray(new JsonObject
        {
            ["from"] = from,
            ["id"] = messageId,
            ["timestamp"] = UnixSeconds(sentAt),
            ["type"] = "text",
            ["text"] = new JsonObject { ["body"] = text },
        });
        return Envelope(wabaId, value);
    }

    /// <summary>A user's file: the media object carries Meta's media id, MIME type and sha256 (and caption/filename where the type has them).</summary>
    public static JsonObject InboundMedia(string wabaId, string phoneNumberId, string displayPhoneNumber, string from, string? name, string messageId, DateTimeOffset sentAt, string type, StoredMedia media, string? caption)
    {
        var contact = new JsonObject();
        if (name is not null)
        {
            contact["profile"] = new JsonObject { ["name"] = name };
        }

        contact["wa_id"] = from;
        var content = new JsonObject();
        if (caption is not null && type is "image" or "video" or "document")
        {
            content["caption"] = caption;
        }

        if (type == "document" && media.Filename is not null)
        {
            content["filename"] = media.Filename;
        }

        content["mime_type"] = media.MimeType;
        content["sha256"] = media.Sha256;
        content["id"] = media.Id;
        if (type == "audio")
        {
            content["voice"] = media.MimeType.StartsWith("audio/ogg", StringComparison.Ordinal);
        }

        if (type == "sticker")
        {
            content["animated"] = false;
        }

        var value = Value(phoneNumberId, displayPhoneNumber);
        value["contacts"] = new JsonArray(contact);
        value["messages"] = new JsonArray(new JsonObject
        {
            ["from"] = from,
            ["id"] = messageId,
            ["timestamp"] = UnixSeconds(sentAt),
            ["type"] = type,
            [type] = content,
        });
        return Envelope(wabaId, value);
    }

    public static JsonObject Status(string wabaId, string phoneNumberId, string displayPhoneNumber, AcceptedMessage message, string status, DateTimeOffset at, MetaError? error = null)
    {
        var item = new JsonObject
        {
            ["id"] = message.MessageId,
            ["status"] = status,
            ["timestamp"] = UnixSeconds(at),
            ["recipient_id"] = message.WaId,
        };
        if (message.CallbackData is not null)
        {
            item["biz_opaque_callback_data"] = message.CallbackData;
        }

        var isTemplate = message.Type == "template";
        if (status == "sent" && message.Type != "reaction")
        {
            item["pricing"] = new JsonObject
            {
                ["billable"] = isTemplate,
                ["pricing_model"] = "PMP",
                ["type"] = isTemplate ? "regular" : "free_customer_service",
                ["category"] = isTemplate ? "utility" : "service",
            };
        }

        if (error is not null)
        {
            item["errors"] = new JsonArray(error.ToWebhookJson());
        }

        var value = Value(phoneNumberId, displayPhoneNumber);
        value["statuses"] = new JsonArray(item);
        return Envelope(wabaId, value);
    }

    private static JsonObject Value(string phoneNumberId, string displayPhoneNumber) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = new JsonObject { ["display_phone_number"] = displayPhoneNumber, ["phone_number_id"] = phoneNumberId },
    };

    private static JsonObject Envelope(string wabaId, JsonObject value) => new()
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = wabaId,
            ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
        }),
    };

    private static string UnixSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}

/// <summary>A message the simulator accepted, as status webhooks need it.</summary>
public sealed record AcceptedMessage(string PhoneNumberId, string MessageId, string Type, string WaId, string? CallbackData);
