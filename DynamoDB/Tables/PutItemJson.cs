using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// Writes a <see cref="PutItemRequest"/> as DynamoDB's JSON protocol body (<c>DynamoDB_20120810.PutItem</c>), for the
/// attribute types WaApp's items use: S, N, BOOL, NULL, L and M. Anything else (binary, sets, return values) is left
/// to the SDK: <see cref="CanWrite"/> says no.
/// </summary>
internal static class PutItemJson
{
    public static bool CanWrite(PutItemRequest request) =>
        request.Item is { Count: > 0 } item
        && request.Expected is not { Count: > 0 }
        && request.ReturnValues is null
        && request.ReturnConsumedCapacity is null
        && request.ReturnItemCollectionMetrics is null
        && request.ReturnValuesOnConditionCheckFailure is null
        && item.Values.All(IsWritable)
        && (request.ExpressionAttributeValues is null || request.ExpressionAttributeValues.Values.All(IsWritable));

    /// <summary>Writes the body; only for a request <see cref="CanWrite"/> accepts.</summary>
    public static void Write(PutItemRequest request, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("TableName"u8, request.TableName);
        writer.WritePropertyName("Item"u8);
        WriteMap(writer, request.Item);
        if (!string.IsNullOrEmpty(request.ConditionExpression))
        {
            writer.WriteString("ConditionExpression"u8, request.ConditionExpression);
        }

        if (request.ExpressionAttributeNames is { Count: > 0 } names)
        {
            writer.WriteStartObject("ExpressionAttributeNames"u8);
            foreach (var (placeholder, name) in names)
            {
                writer.WriteString(placeholder, name);
            }

            writer.WriteEndObject();
        }

        if (request.ExpressionAttributeValues is { Count: > 0 } values)
        {
            writer.WritePropertyName("ExpressionAttributeValues"u8);
            WriteMap(writer, values);
        }

        writer.WriteEndObject();
    }

    private static bool IsWritable(AttributeValue value) => value switch
    {
        { S: not null } or { N: not null } or { BOOL: not null } or { NULL: true } => true,
        { L: { } list } => list.All(IsWritable),
        { M: { } map } => map.Values.All(IsWritable),
        _ => false,
    };

    // One attribute value: {"S":…}, {"N":…}, …
    private static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        writer.WriteStartObject();
        WriteTyped(writer, value);
        writer.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in map)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteTyped(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.S is { } s)
        {
            writer.WriteString("S"u8, s);
        }
        else if (value.N is { } n)
        {
            writer.WriteString("N"u8, n);
        }
        else if (value.BOOL is { } b)
        {
            writer.WriteBoolean("BOOL"u8, b);
        }
        else if (value.NULL is true)
        {
            writer.WriteBoolean("NULL"u8, true);
        }
        else if (value.L is { } list)
        {
            writer.WriteStartArray("L"u8);
            foreach (var element in list)
            {
                WriteValue(writer, element);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WritePropertyName("M"u8);
            WriteMap(writer, value.M);
        }
    }
}
