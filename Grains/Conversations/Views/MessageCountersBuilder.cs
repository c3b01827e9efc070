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
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var @event in events)
        {
            switch (@event)
            {
                case MessageReceived received:
                    inbound++;
                    Increment(byType, received.Message.Type);
                    break;
                case ReactionReceived or ReactionRemoved:
                    inbound++;
                    Increment(byType, MessageTypes.Reaction);
                    break;
                case AutoReplyQueued:
                    outbound++;
                    Increment(byType, MessageTypes.Text);
                    break;
                case MessageQueued queued:
                    outbound++;
                    Increment(byType, queued.Content.Type);
                    break;
                case MessageFailed failed:
                    Increment(failures, failed.Code.ToString(CultureInfo.InvariantCulture));
                    break;
                case StatusUpdated { Report: var report }:
                    Increment(byStatus, report.Status);
                    foreach (var error in report.Errors ?? [])
                    {
                        Increment(failures, error.Code?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
                    }

                    break;
            }
        }

        return new MessageCounters(inbound, outbound, byType, byStatus, failures);
    }

    private static void Increment(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
