using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using WaApp.DynamoDB.EventStore;
using WaApp.DynamoDB.Tables;
using WaApp.EventSourcing.Storage;

namespace WaApp.DynamoDB.Tests.EventStore;

/// <summary>A commit is written straight as JSON, and as the SDK's request when the SDK sends it: both must say the same.</summary>
public sealed class CommitItemTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("conversations#2", 1)]
    [InlineData(null, 2)]
    [InlineData("conversations#2", 2)]
    public void The_direct_body_and_the_SDK_request_describe_the_same_write(string? activityKey, int eventCount)
    {
        IReadOnlyList<StoredEvent> events = new StoredEvent[]
        {
            new("message.received", """{"text":"Zoë \"quoted\"\n👋","at":"2026-12-07T10:00:00Z"}"""),
            new("message.status", """{"status":"read"}"""),
        }[..eventCount];
        var commit = new CommitItem("p-Events", "conv/15550001111", 41, "0f8fad5bd9cb469fa16570867728950e", "2026-12-07T10:00:00.0000000+00:00", events, activityKey);

        var direct = Write(commit.WriteTo);
        var sdk = Write(PutItemBody.Of(commit.ToRequest()).WriteTo);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sdk), JsonNode.Parse(direct)), $"{direct}\n{sdk}");
        Assert.Equal(activityKey is not null, JsonNode.Parse(direct)!["Item"]!.AsObject().ContainsKey(EventAttributes.ActivityKey));
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
