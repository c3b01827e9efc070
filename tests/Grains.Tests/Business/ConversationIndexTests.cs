using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Business;

namespace WaApp.Grains.Tests.Business;

public sealed class ConversationIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Pages_list_the_most_recent_first_with_ties_broken_by_contact_id()
    {
        var conversations = new[] { At("b", 1), At("a", 1), At("c", 5), At("d", 0) };

        var first = ConversationIndex.Page(conversations, new ConversationListQuery(2));
        var second = ConversationIndex.Page(conversations, new ConversationListQuery(2, first.Next));

        Assert.Equal(["c", "a"], first.Items.Select(item => item.ContactId));
        Assert.Equal(["b", "d"], second.Items.Select(item => item.ContactId));
        Assert.Null(second.Next);
    }

    [Fact]
    public void Activity_during_paging_neither_repeats_nor_skips_conversations_that_did_not_move()
    {
        var conversations = Enumerable.Range(0, 10).Select(i => At($"c{i}", i)).ToDictionary(item => item.ContactId);
        var first = ConversationIndex.Page(conversations.Values, new ConversationListQuery(4));

        // c9 (already seen) and c2 (not yet seen) get new messages between the two requests.
        conversations["c9"] = At("c9", 100);
        conversations["c2"] = At("c2", 101);
        var rest = new List<string>();
        var cursor = first.Next;
        while (cursor is not null)
        {
            var page = ConversationIndex.Page(conversations.Values, new ConversationListQuery(4, cursor));
            rest.AddRange(page.Items.Select(item => item.ContactId));
            cursor = page.Next;
        }

        Assert.Equal(["c9", "c8", "c7", "c6"], first.Items.Select(item => item.ContactId));
        Assert.Equal(["c5", "c4", "c3", "c1", "c0"], rest);
    }

    [Fact]
    public void Filters_combine()
    {
        var conversations = new[]
        {
            At("open-unread-mine", 1) with { UnreadCount = 2, AssignedTo = "ana" },
            At("open-read", 2),
            At("closed-unread", 3) with { IsOpen = false, UnreadCount = 1 },
            At("open-unread-other", 4) with { UnreadCount = 1, AssignedTo = "bo" },
        };

        string[] Ids(ConversationListQuery query) => [.. ConversationIndex.Page(conversations, query).Items.Select(item => item.ContactId)];

        Assert.Equal(["open-unread-other", "open-read", "open-unread-mine"], Ids(new ConversationListQuery(50, Open: true)));
        Assert.Equal(["open-unread-other", "open-unread-mine"], Ids(new ConversationListQuery(50, Open: true, Unread: true)));
        Assert.Equal(["open-unread-mine"], Ids(new ConversationListQuery(50, AssignedTo: "ana")));
        Assert.Equal(["closed-unread", "open-read"], Ids(new ConversationListQuery(50, Assigned: false)));
        Assert.Equal(["open-read"], Ids(new ConversationListQuery(50, Unread: false)));
    }

    [Fact]
    public void Trimming_keeps_the_most_recently_active()
    {
        var conversations = Enumerable.Range(0, 20).Select(i => At($"c{i:00}", i)).ToDictionary(item => item.ContactId);

        ConversationIndex.Trim(conversations, 15, int.MaxValue);

        Assert.Equal(15, conversations.Count);
        Assert.DoesNotContain("c04", conversations.Keys);
        Assert.Contains("c05", conversations.Keys);
    }

    [Fact]
    public void Trimming_by_bytes_keeps_the_most_recent_entries_that_fit()
    {
        var conversations = Enumerable.Range(0, 20).Select(i => At($"c{i:00}", i)).ToDictionary(item => item.ContactId);
        var entry = ConversationIndex.StoredSize(conversations["c00"]);

        var bytes = ConversationIndex.Trim(conversations, 100, maxBytes: (entry * 6) + (entry / 2));

        Assert.Equal(["c19", "c18", "c17", "c16", "c15", "c14"], conversations.Values.OrderByDescending(item => item.LastActivityAt).Select(item => item.ContactId));
        Assert.Equal(entry * 6, bytes);
    }

    private static ConversationSnapshot At(string contactId, int minutes) =>
        new(contactId, 1, T0.AddMinutes(minutes), null, 0, true, null, null);
}
