using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// The reports one silo holds for one business number until they are sent, in the order they were made. A report
/// that continues the one held for its conversation (its events start where that one's end) is merged into it: the
/// later snapshot, the counts of both, the earlier start, so the business still counts each event once. A report that
/// does not continue it (a gap, or a version not known) is kept as its own, after it.
/// </summary>
public sealed class ActivityBatch(int maxReportsPerCall)
{
    private readonly List<List<ConversationActivity>> _calls = [[]];

    // Where the last report of each conversation is held, to merge the next one into it.
    private readonly Dictionary<string, (int Call, int Index)> _latest = new(StringComparer.Ordinal);

    public bool IsEmpty => _calls[0].Count == 0;

    /// <summary>The reports to send, at most <c>maxReportsPerCall</c> per call.</summary>
    public IReadOnlyList<IReadOnlyList<ConversationActivity>> Calls => _calls;

    public void Add(ConversationActivity activity)
    {
        var contactId = activity.Conversation.ContactId;
        if (_latest.TryGetValue(contactId, out var at))
        {
            var held = _calls[at.Call][at.Index];
            if (held.FromVersion >= 0 && activity.FromVersion == held.Conversation.Version)
            {
                _calls[at.Call][at.Index] = new ConversationActivity(activity.Conversation, held.Added.Add(activity.Added), held.FromVersion);
                return;
            }
        }

        var last = _calls[^1];
        if (last.Count >= maxReportsPerCall)
        {
            last = [];
            _calls.Add(last);
        }

        last.Add(activity);
        _latest[contactId] = (_calls.Count - 1, last.Count - 1);
    }
}
