using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WaApp.WhatsApp.Webhooks.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// The value of a field that is neither messages-shaped nor a business notice: Calling API (<c>calls</c>),
/// coexistence (<c>smb_message_echoes</c>, <c>history</c>, <c>smb_app_state_sync</c>) and Groups API fields.
/// <see cref="Updates"/> build each update once the entry's source is known.
/// </summary>
internal sealed record ExtendedValue(WebhookMetadata? Metadata, IReadOnlyList<Func<WebhookSource, WebhookUpdate>> Updates);

/// <summary>Reads the fields of <see cref="ExtendedValue"/>; like the rest of the parser it never rejects an odd item, it keeps it raw.</summary>
internal static class ExtendedFieldReader
{
    public static bool Handles(string field) =>
        field is WebhookFields.Calls or WebhookFields.SmbMessageEchoes or WebhookFields.History or WebhookFields.SmbAppStateSync
        || WebhookFields.IsGroupField(field);

    public static ExtendedValue Read(string field, JsonElement value)
    {
        var metadata = value.TryGetProperty("metadata", out var metadataElement)
            ? Deserialize(metadataElement, WebhookJsonContext.Default.WebhookMetadata)
            : null;
        List<Func<WebhookSource, WebhookUpdate>> updates = [];
        switch (field)
        {
            case WebhookFields.Calls:
                ReadCalls(value, updates);
                break;
            case WebhookFields.SmbMessageEchoes:
                foreach (var (element, raw) in Items(value, "message_echoes"))
                {
                    var message = ReadMessage(element);
                    var contactId = ContactIdentity.ContactId(message?.To, message?.ToUserId);
                    updates.Add(source => Route(source, contactId, message?.Id, "message echo", "recipient", route =>
                        new CoexistenceMessageUpdate(source, route, message!, FromBusiness: true, Chunk: null, raw), raw));
                }

                break;
            case WebhookFields.History:
                ReadHistory(value, updates);
                break;
            case WebhookFields.SmbAppStateSync:
                foreach (var (element, raw) in Items(value, "state_sync"))
                {
                    var item = Deserialize(element, WebhookJsonContext.Default.WebhookStateSync);
                    var phone = ContactIdentity.Present(item?.Contact?.PhoneNumber);
                    updates.Add(source => item is { Type: "contact" } && phone is not null
                        ? new ContactNameUpdate(source, phone, item.Contact!.FullName, item.Contact.FirstName,
                            string.Equals(item.Action, "remove", StringComparison.OrdinalIgnoreCase), item.Metadata?.Timestamp, raw)
                        : new UnroutableUpdate(source, "The state sync item names no contact phone number.", raw));
                }

                break;
            default:
                foreach (var (element, raw) in Items(value, "groups"))
                {
                    var group = Deserialize(element, WebhookJsonContext.Default.WebhookGroupEvent);
                    var groupId = ContactIdentity.Present(group?.GroupId);
                    updates.Add(source => Route(source, groupId is null ? null : GroupIds.ContactId(groupId), group?.Type, "group event", "group", route =>
                        new GroupEventUpdate(source, route, group!, raw), raw));
                }

                break;
        }

        foreach (var (element, raw) in Items(value, "errors"))
        {
            var error = Deserialize(element, WebhookJsonContext.Default.WebhookError) ?? new WebhookError();
            updates.Add(source => new ErrorUpdate(source, error, raw));
        }

        return new ExtendedValue(metadata, updates);
    }

    private static void ReadCalls(JsonElement value, List<Func<WebhookSource, WebhookUpdate>> updates)
    {
        foreach (var (element, raw) in Items(value, "calls"))
        {
            var call = Deserialize(element, WebhookJsonContext.Default.WebhookCall);
            updates.Add(source => Route(source, call?.ContactId, call?.Id, "call", "user", route => new CallUpdate(source, route, call!, raw), raw));
        }

        // Statuses of business-initiated calls: RINGING, ACCEPTED, REJECTED, for the user the business called.
        foreach (var (element, raw) in Items(value, "statuses"))
        {
            var status = Deserialize(element, WebhookJsonContext.Default.WebhookStatus);
            var call = status is null ? null : new WebhookCall
            {
                Id = status.Id,
                To = status.RecipientId,
                ToUserId = status.RecipientUserId,
                Event = "status",
                Direction = "BUSINESS_INITIATED",
                Timestamp = status.Timestamp,
                Status = status.Status,
                BizOpaqueCallbackData = status.BizOpaqueCallbackData,
            };
            updates.Add(source => Route(source, call?.ContactId, call?.Id, "call status", "recipient", route => new CallUpdate(source, route, call!, raw), raw));
        }
    }

    private static void ReadHistory(JsonElement value, List<Func<WebhookSource, WebhookUpdate>> updates)
    {
        foreach (var (chunkElement, chunkRaw) in Items(value, "history"))
        {
            if (chunkElement.ValueKind != JsonValueKind.Object)
            {
                updates.Add(source => new UnroutableUpdate(source, "A history item is not a JSON object.", chunkRaw));
                continue;
            }

            var chunk = chunkElement.TryGetProperty("metadata", out var chunkMetadata) && chunkMetadata.ValueKind == JsonValueKind.Object
                ? new HistoryChunk(Int(chunkMetadata, "phase"), Int(chunkMetadata, "chunk_order"), Int(chunkMetadata, "progress"))
                : new HistoryChunk(null, null, null);

            // The business declined to share its history: Meta says so with errors instead of threads.
            foreach (var (element, raw) in Items(chunkElement, "errors"))
            {
                var error = Deserialize(element, WebhookJsonContext.Default.WebhookError) ?? new WebhookError();
                updates.Add(source => new ErrorUpdate(source, error, raw));
            }

            foreach (var (thread, threadRaw) in Items(chunkElement, "threads"))
            {
                var threadId = thread.ValueKind == JsonValueKind.Object && thread.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    ? ContactIdentity.Present(id.GetString())
                    : null;
                foreach (var (element, raw) in Items(thread, "messages"))
                {
                    var message = ReadMessage(element);

                    // The thread is the user; a message from anyone else (the business number) is the business's.
                    var fromBusiness = message is not null && message.From != threadId && message.FromUserId != threadId;
                    updates.Add(source => Route(source, threadId, message?.Id, "history message", "thread", route =>
                        new CoexistenceMessageUpdate(source, route, message!, fromBusiness, chunk, raw), raw));
                }

                if (threadId is null && !HasItems(thread, "messages"))
                {
                    updates.Add(source => new UnroutableUpdate(source, "A history thread names no user.", threadRaw));
                }
            }
        }
    }

    private static WebhookUpdate Route(
        WebhookSource source, string? contactId, string? itemId, string item, string party, Func<ConversationRoute, WebhookUpdate> build, string raw)
    {
        if (source.PhoneNumberId is not { } phoneNumberId)
        {
            return new UnroutableUpdate(source, $"The {item} has no metadata.phone_number_id.", raw);
        }

        if (contactId is null)
        {
            return new UnroutableUpdate(source, $"The {item} names no {party}.", raw);
        }

        return string.IsNullOrEmpty(itemId)
            ? new UnroutableUpdate(source, $"The {item} has no id.", raw)
            : build(new ConversationRoute(phoneNumberId, contactId));
    }

    private static WebhookMessage? ReadMessage(JsonElement element) =>
        Deserialize(element, WebhookJsonContext.Default.WebhookMessage) is { } message
            ? message
            : element.ValueKind == JsonValueKind.Object
                ? new WebhookMessage
                {
                    Id = String(element, "id"),
                    From = String(element, "from"),
                    To = String(element, "to"),
                    Type = String(element, "type"),
                    Timestamp = element.TryGetProperty("timestamp", out var timestamp) ? UnixTimeConverter.TryRead(timestamp) : null,
                    ParseError = "The message did not match the expected shape.",
                }
                : null;

    private static IEnumerable<(JsonElement Element, string Raw)> Items(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var element in array.EnumerateArray())
        {
            yield return (element, element.GetRawText());
        }
    }

    private static bool HasItems(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > 0;

    private static T? Deserialize<T>(JsonElement element, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return element.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out var number) ? number
        : property.ValueKind == JsonValueKind.String && int.TryParse(property.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;
}
