namespace WaApp.Grains.Conversations;

/// <summary>
/// The status rule for messages the business sent: statuses only move forward (sent &lt; delivered &lt; read &lt;
/// played) and failed is terminal. The effective status depends only on the set of statuses seen, never on their
/// order of arrival, so out-of-order and repeated webhooks all end in the same place.
/// </summary>
public static class MessageStatuses
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Played = "played";
    public const string Failed = "failed";

    /// <summary>The effective status of a message that reported <paramref name="seen"/>; null when none is known.</summary>
    public static string? Effective(IEnumerable<string> seen)
    {
        string? best = null;
        foreach (var status in seen)
        {
            if (status == Failed)
            {
                return Failed;
            }

            if (Rank(status) > Rank(best))
            {
                best = status;
            }
        }

        return best;
    }

    /// <summary>A total order over status names (lifecycle first, then failed, then unknown names by ordinal).</summary>
    public static int Order(string status) => status == Failed ? 5 : Rank(status) is > 0 and var rank ? rank : 6;

    /// <summary>Position in the lifecycle; 0 for statuses WaApp does not know (kept, but they never win).</summary>
    public static int Rank(string? status) => status switch
    {
        Sent => 1,
        Delivered => 2,
        Read => 3,
        Played => 4,
        _ => 0,
    };
}
