using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// One <c>PutItem</c> for <see cref="DirectPutItem"/>: written straight as the JSON protocol's body, and as the SDK's
/// request for when the SDK has to send it (see <see cref="DirectPutItem"/>). Both forms must say the same.
/// </summary>
public abstract class PutItemBody
{
    public abstract string TableName { get; }

    /// <summary>False when the body cannot be written directly (an attribute type <see cref="PutItemJson"/> does not write).</summary>
    public virtual bool CanWrite => true;

    /// <summary>Writes the whole request body: <c>{"TableName":…,"Item":{…},"ConditionExpression":…}</c>.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    public abstract PutItemRequest ToRequest();

    /// <summary>An SDK request, written with <see cref="PutItemJson"/>.</summary>
    public static PutItemBody Of(PutItemRequest request) => new RequestBody(request);

    private sealed class RequestBody(PutItemRequest request) : PutItemBody
    {
        public override string TableName => request.TableName;

        public override bool CanWrite => PutItemJson.CanWrite(request);

        public override void WriteTo(Utf8JsonWriter writer) => PutItemJson.Write(request, writer);

        public override PutItemRequest ToRequest() => request;
    }
}
