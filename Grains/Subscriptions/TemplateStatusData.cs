using System.Reflection;
using System.Text.Json;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Abstractions.Business;
using WaApp.WhatsApp.Templates;

namespace WaApp.Grains.Subscriptions;

/// <summary>
/// The <c>data</c> of a <c>template.status</c> event, read from a template webhook stored in a business account's log
/// (<see cref="BusinessNoticeReceived"/>). Every template field Meta sends is one: a review or status change
/// (<c>message_template_status_update</c>), a quality or category change, or changed components; <c>field</c> says which.
/// </summary>
public static class TemplateStatusData
{
    // The stored name is the event's [Alias], so the log is classified without deserializing other notices.
    private static readonly string NoticeTypeName = typeof(BusinessNoticeReceived).GetCustomAttribute<AliasAttribute>(inherit: false)!.Alias;

    /// <summary>The JSON object, or null when the event is no template webhook (or one too damaged to read).</summary>
    public static string? Build(string businessAccountId, RecordedEvent recorded)
    {
        if (recorded.Event.TypeName != NoticeTypeName || ReadNotice(recorded.Event.Json) is not var (field, rawJson, time)
            || TemplateWebhookChange.Read(field, rawJson) is not { } change)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("businessAccountId", businessAccountId);
            writer.WriteString("field", field);
            SubscriptionPayload.WriteOptional(writer, "templateId", change.TemplateId);
            writer.WriteString("name", change.Name);
            writer.WriteString("language", change.Language);
            switch (change)
            {
                case TemplateWebhookChange.StatusChanged status:
                    writer.WriteString("status", status.Status);
                    SubscriptionPayload.WriteOptional(writer, "reason", status.Reason is "NONE" ? null : status.Reason);
                    SubscriptionPayload.WriteOptional(writer, "category", status.Category);
                    break;
                case TemplateWebhookChange.QualityChanged quality:
                    writer.WriteString("quality", quality.Quality);
                    break;
                case TemplateWebhookChange.CategoryChanged category:
                    writer.WriteString("category", category.Category);
                    break;
            }

            if (time is { } at)
            {
                writer.WriteString("occurredAt", at);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (string Field, string RawJson, DateTimeOffset? Time)? ReadNotice(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("notice", out var notice) || notice.ValueKind != JsonValueKind.Object
                || !notice.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String
                || !notice.TryGetProperty("rawJson", out var raw) || raw.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            DateTimeOffset? time = notice.TryGetProperty("time", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var parsed) ? parsed : null;
            return (field.GetString()!, raw.GetString()!, time);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
