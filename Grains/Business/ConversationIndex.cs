using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// Orders and pages a business's conversations: most recent activity first, contact id breaking ties, so every
/// conversation has one fixed position for a given activity time and a cursor never repeats or skips a
/// conversation that did not move.
/// </summary>
public static class ConversationIndex
{
    public const int MaxPageSize = 200;

    public static int Compare(ConversationSnapshot left, ConversationSnapshot right)
    {
        var byActivity = right.LastActivityAt.CompareTo(left.LastActivityAt);
        return byActivity != 0 ? byActivity : string.CompareOrdinal(left.ContactId, right.ContactId);
    }

    public static ConversationListPage Page(IEnumerable<ConversationSnapshot> conversations, ConversationListQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);
        var ordered = conversations.Where(conversation => Matches(conversation, query)).ToList();
        ordered.Sort(Compare);
        var start = 0;
        if (query.After is { } after)
        {
            var cursor = new ConversationSnapshot(after.ContactId, 0, after.LastActivityAt, null, 0, false, null, null);
            start = ordered.FindIndex(conversation => Compare(conversation, cursor) > 0);
            if (start < 0)
            {
                start = ordered.Count;
            }
        }

        var items = ordered.Skip(start).Take(limit).ToList();
        var more = start + items.Count < ordered.Count;
        var next = more ? new ConversationCursor(items[^1].LastActivityAt, items[^1].ContactId) : null;
        return new ConversationListPage(items, next);
    }

    /// <summary>Drops the least recently active conversations beyond <paramref name="max"/>.</summary>
    public static void Trim(Dictionary<string, ConversationSnapshot> conversations, int max)
    {
        if (conversations.Count <= max)
        {
            return;
        }

        var ordered = conversations.Values.ToList();
        ordered.Sort(Compare);
        foreach (var stale in ordered.Skip(max))
        {
            conversations.Remove(stale.ContactId);
        }
    }

    private static bool Matches(ConversationSnapshot conversation, ConversationListQuery query) =>
        (query.Open is not { } open || conversation.IsOpen == open)
        && (query.Unread is not { } unread || (conversation.UnreadCount > 0) == unread)
        && (query.Assigned is not { } assigned || (conversation.AssignedTo is not null) == assigned)
        && (query.AssignedTo is null || string.Equals(conversation.AssignedTo, query.AssignedTo, StringComparison.Ordinal));
}
