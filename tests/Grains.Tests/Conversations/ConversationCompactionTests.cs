using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Conversations;
using WaApp.Grains.Conversations.Views;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>
/// A long conversation keeps only its recent messages' text in memory, and still recognises every redelivery and
/// applies every status to its old messages.
/// </summary>
public sealed class ConversationCompactionTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795419700);

    [Fact]
    public void Messages_older_than_the_recent_ones_lose_their_text_but_keep_dedupe_and_statuses()
    {
        var state = new ConversationState();
        var total = ConversationState.RecentContentLimit + 5;
        for (var n = 1; n <= total; n++)
        {
            state.AddMessage(new MessageRecord { Id = $"wamid.{n}", Direction = MessageDirection.Outbound, Type = "text", Text = $"message {n}", Timestamp = T0.AddSeconds(n), Status = "accepted" });
        }

        state.Apply(new StatusUpdated(new StatusReport("wamid.1", "read", T0.AddHours(1), "14155550123", null, null, null, null, null, "{}")));

        Assert.Equal(Enumerable.Repeat(true, 5), state.Messages.Take(5).Select(message => message.IsCompacted));
        Assert.Null(state.Messages[0].Text);
        Assert.Equal("message 6", state.Messages[5].Text);
        Assert.False(state.Messages[5].IsCompacted);
        Assert.True(state.Contains("wamid.1"));
        Assert.Equal("read", MessageViewBuilder.Build(state, state.Find("wamid.1")!).Status);
    }

    [Fact]
    public void A_history_replay_keeps_the_text_of_every_message()
    {
        var history = ConversationState.ForHistory();
        for (var n = 1; n <= ConversationState.RecentContentLimit + 5; n++)
        {
            history.AddMessage(new MessageRecord { Id = $"wamid.{n}", Type = "text", Text = $"message {n}", Timestamp = T0.AddSeconds(n) });
        }

        Assert.DoesNotContain(history.Messages, message => message.IsCompacted);
        Assert.Equal("message 1", history.Messages[0].Text);
    }
}
