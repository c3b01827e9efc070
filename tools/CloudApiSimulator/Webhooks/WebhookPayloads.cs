using System.Globalization;
using System.Text.Json.Nodes;
using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Webhooks;

/// <summary>Builds <c>messages</c>-field webhook bodies in Meta's envelope.</summary>
public static class WebhookPayloads
{
    /// <summary>
    /// A user's text message. The contact and the message name the user by every id Meta shows for them: <c>wa_id</c>
    /// / <c>from</c> only when the number is visible, <c>user_id</c> / <c>from_user_id</c> (BSUID) when known,
    /// <c>parent_user_id</c> and <c>profile.username</c> when set.
    /// </summary>
    public static JsonObject InboundText(string wabaId, string phoneNumberId, string displayPhoneNumber, InboundSender sender, string messageId, DateTimeOffset sentAt, string text)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var profile = new JsonObject();
        if (sender.Name is not null)
        {
            profile["name"] = sender.Name;
        }

        if (sender.Username is not null)
        {
            profile["username"] = sender.Username;
        }

        var contact = new JsonObject();
        if (profile.Count > 0)
        {
            contact["profile"] = profile;
        }

        var message = new JsonObject();
        AddIds(contact, message, sender);
        message["id"] = messageId;
        message["timestamp"] = UnixSeconds(sentAt);
        message["type"] = "text";
        message["text"] = new JsonObject { ["body"] = text };

        var value = Value(phoneNumberId, displayPhoneNumber);
        value["contacts"] = new JsonArray(contact);
        value["messages"] = new JsonArray(message);
        return Envelope(wabaId, value);
    }

    /// <summary>
    /// A <c>system</c> message telling that the user changed number (<c>user_changed_number</c>: <c>system.wa_id</c> is
    /// the new number) or business-scoped user id (<c>user_changed_user_id</c>: <c>system.user_id</c> is the new
    /// BSUID). It comes from the user's previous ids and, as Meta documents, without a <c>contacts</c> array.
    /// </summary>
    public static JsonObject IdentityChange(string wabaId, string phoneNumberId, string displayPhoneNumber, InboundSender previous, SystemChange change, string messageId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(change);
        var system = new JsonObject { ["body"] = change.Body };
        if (change.NewWaId is not null)
        {
            system["wa_id"] = change.NewWaId;
        }

        if (change.NewUserId is not null)
        {
            system["user_id"] = change.NewUserId;
        }

        system["type"] = change.Type;
        var message = new JsonObject();
        AddIds(contact: null, message, previous);
        message["id"] = messageId;
        message["timestamp"] = UnixSeconds(at);
        message["type"] = "system";
        message["system"] = system;

        var value = Value(phoneNumberId, displayPhoneNumber);
        value["messages"] = new JsonArray(message);
        return Envelope(wabaId, value);
    }

    private static void AddIds(JsonObject? contact, JsonObject message, InboundSender sender)
    {
        if (sender.WaId is not null)
        {
            contact?.Add("wa_id", sender.WaId);
            message["from"] = sender.WaId;
        }

        if (sender.UserId is not null)
        {
            contact?.Add("user_id", sender.UserId);
            message["from_user_id"] = sender.UserId;
        }

        if (sender.ParentUserId is not null)
        {
            contact?.Add("parent_user_id", sender.ParentUserId);
            message["from_parent_user_id"] = sender.ParentUserId;
        }
    }

    public static JsonObject Status(string wabaId, string phoneNumberId, string displayPhoneNumber, AcceptedMessage message, string status, DateTimeOffset at, MetaError? error = null)
    {
        var item = new JsonObject
        {
            ["id"] = message.MessageId,
            ["status"] = status,
            ["timestamp"] = UnixSeconds(at),
        };
        if (message.WaId is not null)
        {
            item["recipient_id"] = message.WaId;
        }

        // Since 2026 statuses name the user's business-scoped id; a send to a BSUID may carry no recipient_id at all.
        if (message.UserId is not null)
        {
            item["recipient_user_id"] = message.UserId;
        }
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

/// <summary>The ids and names a webhook shows for a user; null fields are left out, as Meta leaves them out.</summary>
public sealed record InboundSender(string? WaId, string? UserId, string? ParentUserId, string? Name, string? Username);

/// <summary>A user's identity change as a <c>system</c> message: its <c>type</c>, the text and the new id.</summary>
public sealed record SystemChange(string Type, string Body, string? NewWaId, string? NewUserId);

/// <summary>A message the simulator accepted, as status webhooks need it.</summary>
/// <param name="WaId">The number statuses name in <c>recipient_id</c>; null when the message went to a BSUID of a user who hides it.</param>
public sealed record AcceptedMessage(string PhoneNumberId, string MessageId, string Type, string? WaId, string? CallbackData)
{
    /// <summary>The user's business-scoped user id, named in <c>recipient_user_id</c> when known.</summary>
    public string? UserId { get; init; }
}
