using System.Globalization;
using System.Text.Json.Nodes;
using WaApp.CloudApiSimulator.Identities;

namespace WaApp.CloudApiSimulator.Webhooks;

/// <summary>
/// Webhook bodies for what happens around messages, in the shapes of Meta's webhook references: group messages and
/// Groups API events, edits and deletions, Calling API events, WhatsApp Business app echoes and history chunks.
/// </summary>
public static class TimelinePayloads
{
    public static JsonObject GroupText(Business business, string from, string? name, string groupId, string messageId, DateTimeOffset sentAt, string? text)
    {
        var message = UserMessage(from, messageId, sentAt, "text");
        message["group_id"] = groupId;
        if (text is not null)
        {
            message["text"] = new JsonObject { ["body"] = text };
        }

        return Messages(business, from, name, message);
    }

    /// <summary>A <c>group_participants_update</c>: the users joined (<c>group_participants_add</c>) or left (<c>…_remove</c>).</summary>
    public static JsonObject GroupParticipants(Business business, string groupId, bool joined, IReadOnlyList<string> participants, DateTimeOffset at)
    {
        var list = new JsonArray([.. participants.Select(waId => (JsonNode)new JsonObject { ["wa_id"] = waId })]);
        var item = new JsonObject
        {
            ["timestamp"] = Seconds(at),
            ["group_id"] = groupId,
            ["type"] = joined ? "group_participants_add" : "group_participants_remove",
        };
        item[joined ? "added_participants" : "removed_participants"] = list;
        if (joined)
        {
            item["reason"] = "invite_link";
        }

        var value = Value(business);
        value["groups"] = new JsonArray(item);
        return Envelope(business, "group_participants_update", value);
    }

    public static JsonObject Edit(Business business, string from, string? name, string messageId, string originalMessageId, DateTimeOffset at, string text)
    {
        var message = UserMessage(from, messageId, at, "edit");
        message["edit"] = new JsonObject
        {
            ["original_message_id"] = originalMessageId,
            ["message"] = new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = text } },
        };
        return Messages(business, from, name, message);
    }

    public static JsonObject Revoke(Business business, string from, string? name, string messageId, string originalMessageId, DateTimeOffset at)
    {
        var message = UserMessage(from, messageId, at, "revoke");
        message["revoke"] = new JsonObject { ["original_message_id"] = originalMessageId };
        return Messages(business, from, name, message);
    }

    /// <summary>A Calling API <c>connect</c> or <c>terminate</c> of a call the user placed (or, when <paramref name="incoming"/> is false, received).</summary>
    public static JsonObject Call(
        Business business, string user, string callId, bool incoming, string callEvent, DateTimeOffset at, string? status, DateTimeOffset? startedAt, int? durationSeconds)
    {
        var call = new JsonObject { ["id"] = callId };
        if (incoming)
        {
            NameUser(call, "from", user);
            call["to"] = business.DisplayPhoneNumber;
        }
        else
        {
            call["from"] = business.DisplayPhoneNumber;
            NameUser(call, "to", user);
        }

        call["event"] = callEvent;
        call["timestamp"] = Seconds(at);
        call["direction"] = incoming ? "USER_INITIATED" : "BUSINESS_INITIATED";

        if (callEvent == "connect")
        {
            call["session"] = new JsonObject { ["sdp_type"] = incoming ? "offer" : "answer", ["sdp"] = "v=0\r\no=- 0 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" };
        }
        else
        {
            call["status"] = status;
            if (startedAt is { } start)
            {
                call["start_time"] = Seconds(start);
            }

            call["end_time"] = Seconds(at);
            if (durationSeconds is { } duration)
            {
                call["duration"] = duration;
            }
        }

        var value = Value(business);
        value["contacts"] = new JsonArray(Bsuids.IsBsuid(user) ? new JsonObject { ["user_id"] = user } : new JsonObject { ["wa_id"] = user });
        value["calls"] = new JsonArray(call);
        return Envelope(business, "calls", value);
    }

    /// <summary>An <c>smb_message_echoes</c> body: the business wrote <paramref name="text"/> to the user from the WhatsApp Business app.</summary>
    public static JsonObject Echo(Business business, string to, string messageId, DateTimeOffset at, string text)
    {
        var value = Value(business);
        var echo = new JsonObject { ["from"] = business.DisplayPhoneNumber };
        NameUser(echo, "to", to);
        echo["id"] = messageId;
        echo["timestamp"] = Seconds(at);
        echo["type"] = "text";
        echo["text"] = new JsonObject { ["body"] = text };
        value["message_echoes"] = new JsonArray(echo);
        return Envelope(business, "smb_message_echoes", value);
    }

    /// <summary>One <c>history</c> chunk: one thread with the user, each message from the user or the business.</summary>
    public static JsonObject HistoryChunk(Business business, string user, int phase, int chunkOrder, int progress, IReadOnlyList<HistoryItem> messages)
    {
        var items = new JsonArray([.. messages.Select(item =>
        {
            var message = new JsonObject();
            if (item.FromBusiness)
            {
                message["from"] = business.DisplayPhoneNumber;
                NameUser(message, "to", user);
            }
            else
            {
                NameUser(message, "from", user);
            }

            message["id"] = item.MessageId;
            message["timestamp"] = Seconds(item.SentAt);
            message["type"] = "text";
            message["text"] = new JsonObject { ["body"] = item.Text };
            message["history_context"] = new JsonObject { ["status"] = item.FromBusiness ? "DELIVERED" : "READ" };
            return (JsonNode)message;
        })]);
        var value = Value(business);
        value["history"] = new JsonArray(new JsonObject
        {
            ["metadata"] = new JsonObject { ["phase"] = phase, ["chunk_order"] = chunkOrder, ["progress"] = progress },
            ["threads"] = new JsonArray(new JsonObject { ["id"] = user, ["messages"] = items }),
        });
        return Envelope(business, "history", value);
    }

    // A username user who hides their number is named by their BSUID: from_user_id / to_user_id, as in messages.
    private static void NameUser(JsonObject item, string field, string user) =>
        item[Bsuids.IsBsuid(user) ? field + "_user_id" : field] = user;

    private static JsonObject UserMessage(string from, string messageId, DateTimeOffset at, string type) => new()
    {
        ["from"] = from,
        ["id"] = messageId,
        ["timestamp"] = Seconds(at),
        ["type"] = type,
    };

    private static JsonObject Messages(Business business, string from, string? name, JsonObject message)
    {
        var contact = new JsonObject();
        if (name is not null)
        {
            contact["profile"] = new JsonObject { ["name"] = name };
        }

        contact["wa_id"] = from;
        var value = Value(business);
        value["contacts"] = new JsonArray(contact);
        value["messages"] = new JsonArray(message);
        return Envelope(business, "messages", value);
    }

    private static JsonObject Value(Business business) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = new JsonObject { ["display_phone_number"] = business.DisplayPhoneNumber, ["phone_number_id"] = business.PhoneNumberId },
    };

    private static JsonObject Envelope(Business business, string field, JsonObject value) => new()
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = business.WabaId,
            ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = field }),
        }),
    };

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The business number a body is about.</summary>
    public sealed record Business(string WabaId, string PhoneNumberId, string DisplayPhoneNumber);

    /// <summary>One message of a history thread.</summary>
    public sealed record HistoryItem(string MessageId, bool FromBusiness, DateTimeOffset SentAt, string Text);
}
