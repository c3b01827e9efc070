using System.Collections.Frozen;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations;

/// <summary>
/// One instance per process of the few words every message record repeats (its type and status). Each arrives as its
/// own string (deserialized from a grain call or a snapshot): 30–40 bytes per message, ten times over in a
/// conversation of ten messages, for a handful of distinct values.
/// </summary>
internal static class SharedStrings
{
    private static readonly FrozenSet<string> Known = new[]
    {
        // Message types Meta documents for inbound and outbound messages, and WaApp's own.
        MessageTypes.Text, "image", "audio", "video", "document", "sticker", "location", "contacts", "interactive", "button",
        "order", "template", MessageTypes.Reaction, MessageTypes.System, MessageTypes.Unsupported, MessageTypes.Unknown,
        MessageTypes.RequestWelcome, MessageTypes.Edit, MessageTypes.Revoke, MessageTypes.Call, MessageTypes.GroupEvent,

        // Statuses.
        MessageRecord.ReceivedStatus, OutboundRecord.Queued, OutboundRecord.Accepted, OutboundRecord.Failed,
        MessageStatuses.Sent, MessageStatuses.Delivered, MessageStatuses.Read, MessageStatuses.Played,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The process's instance of <paramref name="value"/> when it is a known word; otherwise the value itself.</summary>
    public static string Share(string value) => value is not null && Known.TryGetValue(value, out var shared) ? shared : value!;
}
