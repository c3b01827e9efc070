using System.Globalization;
using System.Text.Json;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// Turns a verified webhook body into per-conversation batches: every entry, change and message, grouped by
/// <c>{phone_number_id}:{contact id}</c> and kept in delivery order within each conversation.
/// </summary>
internal static class WebhookUpdateExtractor
{
    public static IReadOnlyList<ConversationBatch> Extract(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new WebhookFormatException("The webhook body is not valid JSON.", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw new WebhookFormatException("The webhook body is not a WhatsApp envelope: it has no 'entry' array.");
            }

            var batches = new Dictionary<ConversationKey, List<ConversationUpdate>>();
            foreach (var entry in entries.EnumerateArray())
            {
                foreach (var change in Array(entry, "changes"))
                {
                    if (change.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
                    {
                        AddMessages(value, batches);
                    }
                }
            }

            return [.. batches.Select(pair => new ConversationBatch(pair.Key, pair.Value))];
        }
    }

    private static void AddMessages(JsonElement value, Dictionary<ConversationKey, List<ConversationUpdate>> batches)
    {
        var phoneNumberId = value.TryGetProperty("metadata", out var metadata) ? String(metadata, "phone_number_id") : null;
        if (phoneNumberId is null)
        {
            return;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var contact in Array(value, "contacts"))
        {
            if (String(contact, "wa_id") is { } waId && contact.TryGetProperty("profile", out var profile) && String(profile, "name") is { } name)
            {
                names[waId] = name;
            }
        }

        foreach (var message in Array(value, "messages"))
        {
            var from = String(message, "from");
            var fromUserId = String(message, "from_user_id");
            var id = String(message, "id");
            var contactId = from ?? fromUserId;
            if (id is null || contactId is null)
            {
                continue;
            }

            var type = String(message, "type") ?? "unknown";
            var text = type == "text" && message.TryGetProperty("text", out var textObject) ? String(textObject, "body") : null;
            var inbound = new InboundMessage(
                id,
                from,
                fromUserId,
                ParseTimestamp(String(message, "timestamp")),
                type,
                text,
                from is not null && names.TryGetValue(from, out var name) ? name : null,
                message.GetRawText());
            var key = new ConversationKey(phoneNumberId, contactId);
            if (!batches.TryGetValue(key, out var updates))
            {
                batches[key] = updates = [];
            }

            updates.Add(inbound);
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTimeOffset ParseTimestamp(string? seconds) =>
        long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? DateTimeOffset.FromUnixTimeSeconds(value)
            : DateTimeOffset.UnixEpoch;
}
