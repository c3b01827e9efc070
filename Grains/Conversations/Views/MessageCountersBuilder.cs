using System.Globalization;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations.Views;

/// <summary>What a batch of confirmed events adds to the business's counters (messages by direction, type, status and error).</summary>
public static class MessageCountersBuilder
{
    public static MessageCounters Count(IEnumerable<ConversationEvent> events)
    {
        long inbound = 0;
        long outbound = 0;
        // Made on first count: a message's report counts one type and nothing else.
        Dictionary<string, long>? byType = null;
        Dictionary<string, long>? byStatus = null;
        Dictionary<string, long>? failures = null;
        foreach (var @event in events)
        {
            switch (@event)
            {
                case MessageReceived received:
                    inbound++;
                    Increment(ref byType, received.Message.Type);
                    break;
                case ReactionReceived or ReactionRemoved:
                    inbound++;
                    Increment(ref byType, MessageTypes.Reaction);
                    break;
                case AutoReplyQueued:
                    outbound++;
                    Increment(ref byType, MessageTypes.Text);
                    break;
                case MessageQueued queued:
                    outbound++;
                    Increment(ref byType, queued.Content.Type);
                    break;
                case MessageFailed failed:
                    Increment(ref failures, failed.Code.ToString(CultureInfo.InvariantCulture));
                    break;
                case StatusUpdated { Report: var report }:
                    Increment(ref byStatus, report.Status);
                    foreach (var error in report.Errors ?? [])
                    {
                        Increment(ref failures, error.Code?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
                    }

                    break;
            }
        }

        return new MessageCounters(
            inbound, outbound, byType ?? MessageCounters.NoCounts, byStatus ?? MessageCounters.NoCounts, failures ?? MessageCounters.NoCounts);
    }

    private static void Increment(ref Dictionary<string, long>? counts, string key)
    {
        counts ??= new Dictionary<string, long>(StringComparer.Ordinal);
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }
}
