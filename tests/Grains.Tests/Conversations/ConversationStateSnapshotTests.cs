using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Conversations;
using WaApp.Grains.Conversations.Views;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>
/// The conversation state keeps its collections and rarely used message fields only once they hold something (memory
/// per active conversation, docs/performance.md): what a snapshot stores and restores must not change for it.
/// </summary>
public sealed class ConversationStateSnapshotTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795420000);

    [Fact]
    public void A_snapshot_of_a_conversation_that_used_every_feature_restores_the_same_messages_and_records()
    {
        var state = new ConversationState();
        foreach (var @event in EveryFeature())
        {
            state.Apply(@event);
        }

        var json = SnapshotForm.Serialize(state);
        var restored = SnapshotForm.Restore(json);

        Assert.Equal(json, SnapshotForm.Serialize(restored));
        Assert.Equal(Views(state), Views(restored));
        Assert.Equal(("read", "👍", "stop"), (restored.Deliveries["wamid.out"].Status, restored.Reactions["wamid.text"].Emoji, restored.Preferences["marketing_messages"].Value));
        Assert.Equal(("out.1", "out.1"), (restored.IdempotencyKeys["key.1"], restored.OutboundWamids["wamid.out"]));
        Assert.Equal(["wamid.later"], restored.PendingChanges.Keys);
        Assert.Equal("1096564409884188", restored.Media["wamid.image"].MediaId);

        // Restored collections still take new entries, and redeliveries are still recognised.
        restored.Apply(new StatusUpdated(new StatusReport("wamid.other", "sent", T0, "14155550123", null, null, null, null, null, "{}")));
        Assert.True(restored.HasStatus("wamid.other", "sent"));
        Assert.True(restored.HasPreference(Preference()));
    }

    [Fact]
    public void A_new_conversation_snapshots_its_empty_collections_as_before()
    {
        var json = SnapshotForm.Serialize(new ConversationState());

        foreach (var name in new[] { "deliveries", "reactions", "preferences", "media", "outbox", "idempotencyKeys", "outboundWamids", "pendingChanges" })
        {
            Assert.Contains($"\"{name}\":{{}}", json, StringComparison.Ordinal);
        }

        Assert.Contains("\"preferenceKeys\":[]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_text_message_keeps_its_earlier_version_and_its_original_content()
    {
        var state = new ConversationState();
        state.Apply(new MessageReceived(Text("wamid.text", "Is my order shipped?")));
        state.Apply(new MessageEdited(new MessageEditReport("wamid.edit", "wamid.text", T0.AddMinutes(1), "Is my order shipped yet?", null, "{}")));

        var message = state.Find("wamid.text")!;
        Assert.Equal("Is my order shipped yet?", message.Text);
        Assert.Equal("Is my order shipped?", message.Content?.Text);
        Assert.Equal(["Is my order shipped?"], message.Edits!.Select(version => version.Text));
        Assert.Equal(T0.AddMinutes(1), message.EditedAt);
    }

    [Theory]
    [InlineData("Hello, is my order shipped yet?")]
    [InlineData("A caixa chegou amassada 😞")]
    [InlineData("我的订单发货了吗？")]
    [InlineData("a lone surrogate \ud83d in the middle")]
    [InlineData("")]
    public void A_message_text_reads_back_exactly_as_it_arrived_in_memory_and_after_a_snapshot(string text)
    {
        var state = new ConversationState();
        state.Apply(new MessageReceived(Text("wamid.text", text)));

        var restored = SnapshotForm.Restore(SnapshotForm.Serialize(state));

        Assert.Equal(text, state.Messages[0].Text);
        Assert.Equal(text, state.Messages[0].Content?.Text);
        Assert.Equal(text, restored.Messages[0].Text);
        Assert.Equal(text, restored.Messages[0].Content?.Text);
    }

    private static List<string> Views(ConversationState state) =>
        state.Messages.ConvertAll(message => SnapshotForm.Serialize(MessageViewBuilder.Build(state, message)));

    private static IEnumerable<ConversationEvent> EveryFeature()
    {
        yield return new MessageReceived(Text("wamid.text", "Hello, is my order shipped yet?"));
        yield return new MessageReceived(new InboundMessage("wamid.image", "14155550123", null, T0.AddSeconds(1), "image", null, "Ana", "{}",
            new MessageContent { Media = new MediaAttachment("image", "1096564409884188", "image/jpeg", "c2hhMjU2", null, "the box", null, null, null) }));
        yield return new ReactionReceived("wamid.reaction", "wamid.text", "👍", T0.AddSeconds(2), "{}");
        yield return new UserPreferenceChanged(Preference());
        yield return new MessageQueued("out.1", "key.1", "14155550123", new TextContent("It ships today"), SendLane.Live, null) { RecordedAt = T0.AddSeconds(4) };
        yield return new MessageSent("out.1", "wamid.out", "14155550123");
        yield return new StatusUpdated(new StatusReport("wamid.out", "read", T0.AddSeconds(6), "14155550123", null, null, null, null, null, "{}"));
        yield return new MessageEdited(new MessageEditReport("wamid.edit1", "wamid.text", T0.AddMinutes(1), "Hello, has my order shipped?", null, "{}"));
        yield return new MessageEdited(new MessageEditReport("wamid.edit2", "wamid.later", T0.AddMinutes(2), "an edit of a message not seen yet", null, "{}"));
        yield return new MessageReceived(new InboundMessage("wamid.group", "14155550999", null, T0.AddMinutes(3), "text", "hi all", "Bo", "{}",
            new MessageContent { Text = "hi all" }) { GroupId = "120363025246125486" });
    }

    private static InboundMessage Text(string id, string text) =>
        new(id, "14155550123", null, T0, "text", text, "Ana", "{}", new MessageContent { Text = text });

    private static PreferenceReport Preference() => new("marketing_messages", "stop", null, T0.AddSeconds(3), "{}");
}
