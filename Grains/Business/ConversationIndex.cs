using System.Text.Json;
using System.Text.Json.Serialization;
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

    // The key's colon and the comma that separates entries.
    private const int EntrySeparators = 2;

    // Orleans' System.Text.Json grain-state serializer as the DynamoDB storage uses it: compact, PascalCase, nulls
    // left out, non-ASCII escaped (six bytes a character).
    private static readonly JsonSerializerOptions StoredForm = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

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

    /// <summary>
    /// Drops the least recently active conversations beyond <paramref name="max"/> entries or
    /// <paramref name="maxBytes"/> bytes as stored (<paramref name="storedSize"/>, e.g. <see cref="StoredSize"/>), so
    /// the item that holds the index always fits in DynamoDB whatever the names and previews are made of.
    /// </summary>
    /// <returns>The bytes the kept entries take.</returns>
    public static int Trim(Dictionary<string, ConversationSnapshot> conversations, int max, int maxBytes, Func<ConversationSnapshot, int>? storedSize = null)
    {
        storedSize ??= StoredSize;
        var ordered = conversations.Values.ToList();
        ordered.Sort(Compare);
        var bytes = 0;
        var kept = 0;
        foreach (var conversation in ordered)
        {
            var size = storedSize(conversation);
            if (kept < max && bytes + size <= maxBytes)
            {
                bytes += size;
                kept++;
            }
            else
            {
                // Once one entry is dropped every older one goes too, so the index is always "the most recent N".
                max = kept;
                conversations.Remove(conversation.ContactId);
            }
        }

        return bytes;
    }

    /// <summary>
    /// The bytes one entry adds to the stored index: its key and its JSON as the grain-state serializer writes it
    /// (see <see cref="StoredForm"/>).
    /// </summary>
    public static int StoredSize(ConversationSnapshot conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return JsonSerializer.SerializeToUtf8Bytes(conversation, StoredForm).Length
            + JsonSerializer.SerializeToUtf8Bytes(conversation.ContactId, StoredForm).Length
            + EntrySeparators;
    }

    private static bool Matches(ConversationSnapshot conversation, ConversationListQuery query) =>
        (query.Open is not { } open || conversation.IsOpen == open)
        && (query.Unread is not { } unread || (conversation.UnreadCount > 0) == unread)
        && (query.Assigned is not { } assigned || (conversation.AssignedTo is not null) == assigned)
        && (query.AssignedTo is null || string.Equals(conversation.AssignedTo, query.AssignedTo, StringComparison.Ordinal));
}
