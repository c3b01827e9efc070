using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Conversations;
using WaApp.Grains.Conversations.Views;

namespace WaApp.Grains.Tests.Conversations;

public sealed class ConversationReactionAndPreferenceTests
{
    private const string Target = "wamid.BUSINESS1";
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795419480);

    [Fact]
    public void A_reaction_shows_on_the_message_and_its_removal_clears_it()
    {
        var state = StateWithOutboundMessage();

        state.Apply(new ReactionReceived("wamid.R1", Target, "👍", T0, "{}"));
        Assert.Equal("👍", MessageViewBuilder.Build(state, state.Find(Target)!).Reaction);

        state.Apply(new ReactionRemoved("wamid.R2", Target, T0.AddSeconds(30), "{}"));
        Assert.Null(MessageViewBuilder.Build(state, state.Find(Target)!).Reaction);
    }

    [Fact]
    public void An_older_reaction_arriving_late_does_not_undo_a_newer_removal()
    {
        var state = StateWithOutboundMessage();

        state.Apply(new ReactionRemoved("wamid.R2", Target, T0.AddSeconds(30), "{}"));
        state.Apply(new ReactionReceived("wamid.R1", Target, "👍", T0, "{}"));

        Assert.Null(MessageViewBuilder.Build(state, state.Find(Target)!).Reaction);
        Assert.True(state.Contains("wamid.R1"));
    }

    [Fact]
    public void Reactions_are_not_messages_of_the_conversation()
    {
        var state = StateWithOutboundMessage();

        state.Apply(new ReactionReceived("wamid.R1", Target, "❤️", T0, "{}"));

        Assert.Single(state.Messages);
    }

    [Fact]
    public void The_latest_marketing_choice_wins_whatever_the_arrival_order()
    {
        var state = new ConversationState();
        var stop = new PreferenceReport("marketing_messages", "stop", null, T0, "{}");
        var resume = new PreferenceReport("marketing_messages", "resume", null, T0.AddHours(1), "{}");

        state.Apply(new UserPreferenceChanged(resume));
        state.Apply(new UserPreferenceChanged(stop));

        Assert.Equal("resume", state.Preferences["marketing_messages"].Value);
        Assert.True(state.HasPreference(stop));
        Assert.True(state.HasPreference(resume));
    }

    [Fact]
    public void An_inbound_message_keeps_its_typed_content()
    {
        var state = new ConversationState();
        var content = new MessageContent { Media = new MediaAttachment("image", "1096564409884188", "image/jpeg", null, null, "Box arrived", null, null, null) };

        state.Apply(new MessageReceived(new InboundMessage("wamid.IN1", "5511987654321", null, T0, "image", "Box arrived", "João", "{}", content)));

        var view = MessageViewBuilder.Build(state, Assert.Single(state.Messages));
        Assert.Equal("1096564409884188", view.Content?.Media?.MediaId);
        Assert.Equal("received", view.Status);
    }

    private static ConversationState StateWithOutboundMessage()
    {
        var state = new ConversationState();
        state.AddMessage(new MessageRecord { Id = Target, Direction = MessageDirection.Outbound, Type = "text", Timestamp = T0.AddMinutes(-5), Status = "sent" });
        return state;
    }
}
