using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using WaApp.DynamoDB.Tables;
using WaApp.EventSourcing.Storage;

namespace WaApp.DynamoDB.EventStore;

/// <summary>
/// One commit's item (see <see cref="DynamoDBEventStore"/>), written with <c>attribute_not_exists</c> on its key. It is
/// written straight as JSON on the webhook path, without building the SDK's attribute dictionaries first; the SDK form
/// is built only when the SDK has to send it. A commit of one event, the webhook's usual one, keeps its type and data
/// as top-level attributes rather than a list of one map: the store parses and stores less per write (see
/// docs/performance.md, sixth pass).
/// </summary>
internal sealed class CommitItem(
    string tableName, string streamId, int version, string batchId, string committedAt, IReadOnlyList<StoredEvent> events, string? activityKey)
    : PutItemBody
{
    private const string Condition = "attribute_not_exists(#s)";

    public override string TableName => tableName;

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("TableName"u8, tableName);
        writer.WriteStartObject("Item"u8);
        WriteString(writer, EventAttributes.StreamId, streamId);
        writer.WriteStartObject(EventAttributes.Version);
        writer.WriteString("N"u8, version.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        WriteString(writer, EventAttributes.BatchId, batchId);
        WriteString(writer, EventAttributes.CommittedAt, committedAt);
        if (events.Count == 1)
        {
            WriteString(writer, EventAttributes.EventType, events[0].TypeName);
            WriteString(writer, EventAttributes.EventData, events[0].Json);
        }
        else
        {
            writer.WriteStartObject(EventAttributes.Events);
            writer.WriteStartArray("L"u8);
            foreach (var stored in events)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("M"u8);
                WriteString(writer, EventAttributes.EventType, stored.TypeName);
                WriteString(writer, EventAttributes.EventData, stored.Json);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (activityKey is not null)
        {
            WriteString(writer, EventAttributes.ActivityKey, activityKey);
        }

        writer.WriteEndObject();
        writer.WriteString("ConditionExpression"u8, Condition);
        writer.WriteStartObject("ExpressionAttributeNames"u8);
        writer.WriteString("#s"u8, EventAttributes.StreamId);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public override PutItemRequest ToRequest()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [EventAttributes.StreamId] = new(streamId),
            [EventAttributes.Version] = new() { N = version.ToString(CultureInfo.InvariantCulture) },
            [EventAttributes.BatchId] = new(batchId),
            [EventAttributes.CommittedAt] = new(committedAt),
        };

        if (events.Count == 1)
        {
            item[EventAttributes.EventType] = new(events[0].TypeName);
            item[EventAttributes.EventData] = new(events[0].Json);
        }
        else
        {
            item[EventAttributes.Events] = new()
            {
                L = events.Select(e => new AttributeValue
                {
                    M = new Dictionary<string, AttributeValue>
                    {
                        [EventAttributes.EventType] = new(e.TypeName),
                        [EventAttributes.EventData] = new(e.Json),
                    },
                }).ToList(),
            };
        }

        if (activityKey is not null)
        {
            item[EventAttributes.ActivityKey] = new(activityKey);
        }

        return new PutItemRequest
        {
            TableName = tableName,
            Item = item,
            ConditionExpression = Condition,
            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = EventAttributes.StreamId },
        };
    }

    // {"Name":{"S":"value"}}
    private static void WriteString(Utf8JsonWriter writer, string name, string value)
    {
        writer.WriteStartObject(name);
        writer.WriteString("S"u8, value);
        writer.WriteEndObject();
    }
}
