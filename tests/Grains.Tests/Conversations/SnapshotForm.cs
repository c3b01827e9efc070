using System.Text.Json;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Conversations;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>
/// The JSON a conversation's snapshot is stored as (the event store's serializer options), for the tests that
/// round-trip a state through it or weigh what it stores.
/// </summary>
internal static class SnapshotForm
{
    private static readonly JsonSerializerOptions Options = new EventSourcedStreamOptions().SerializerOptions;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static int SizeOf<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options).Length;

    public static ConversationState Restore(string json) => JsonSerializer.Deserialize<ConversationState>(json, Options)!;
}
