using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Conversations;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>The conversation state's timeline rules: call outcomes, edit order, deletions and imports.</summary>
public sealed class TimelineStateTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795420000);

    [Fact]
    public void An_incoming_call_that_ends_without_duration_is_missed()
    {
        var state = Apply(
            new CallLogged(Call("connect", null, T0)),
            new CallLogged(Call("terminate", "FAILED", T0.AddSeconds(30))));

        var call = Assert.Single(state.Messages);
        Assert.Equal((CallLog.Incoming, CallLog.Missed, null), (call.Content!.Call!.Direction, call.Content.Call.Outcome, call.Content.Call.DurationSeconds));
        Assert.Equal("Incoming call, missed", call.Text);
        Assert.Null(state.LastUserMessageAt);
        Assert.Equal(0, state.UnreadCount);
    }

    [Fact]
    public void A_business_call_the_user_rejected_stays_rejected_when_it_ends_and_a_late_ringing_changes_nothing()
    {
        var state = Apply(
            new CallLogged(Call("status", "REJECTED", T0.AddSeconds(5), incoming: false)),
            new CallLogged(Call("terminate", "FAILED", T0.AddSeconds(6), incoming: false)),
            new CallLogged(Call("status", "RINGING", T0, incoming: false)));

        var call = Assert.Single(state.Messages);
        Assert.Equal((MessageDirection.Outbound, CallLog.Outgoing, CallLog.Rejected), (call.Direction, call.Content!.Call!.Direction, call.Content.Call.Outcome));
    }

    [Fact]
    public void Edits_arriving_out_of_order_end_with_the_newest_text_and_the_others_as_history()
    {
        var state = Apply(
            new MessageReceived(new InboundMessage("wamid.m", "14155550123", null, T0, "text", "v1", null, "{}")),
            new MessageEdited(Edit("wamid.e2", T0.AddMinutes(2), "v3")),
            new MessageEdited(Edit("wamid.e1", T0.AddMinutes(1), "v2")));

        var message = Assert.Single(state.Messages);
        Assert.Equal("v3", message.Text);
        Assert.Equal(["v1", "v2"], message.Edits!.Select(version => version.Text));
        Assert.Equal(1, state.UnreadCount);
        Assert.Equal(T0, state.LastUserMessageAt);
    }

    [Fact]
    public void A_deletion_wins_over_any_edit_in_any_order()
    {
        var state = Apply(
            new MessageRevoked(new MessageRevokeReport("wamid.r", "wamid.m", T0.AddMinutes(3), "{}")),
            new MessageEdited(Edit("wamid.e1", T0.AddMinutes(1), "secret v2")),
            new MessageReceived(new InboundMessage("wamid.m", "14155550123", null, T0, "text", "secret v1", null, "{}")));

        var message = Assert.Single(state.Messages);
        Assert.Equal(T0.AddMinutes(3), message.DeletedAt);
        Assert.Null(message.Text);
        Assert.Null(message.Edits);
        Assert.Empty(state.PendingChanges);
        Assert.DoesNotContain("secret", System.Text.Json.JsonSerializer.Serialize(message.ToView()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_echo_and_the_same_message_in_history_are_one_message()
    {
        var echo = new ImportedMessage("wamid.x", MessageDirection.Outbound, ImportedMessage.BusinessApp, T0, "text", "Booked", null, null, "{}");
        var history = echo with { Origin = ImportedMessage.History, Status = "read" };

        var state = Apply(new MessageImported(echo), new MessageImported(history));

        var message = Assert.Single(state.Messages);
        Assert.Equal(("business_app", "sent"), (message.Origin, message.Status));
    }

    private static ConversationState Apply(params ConversationEvent[] events)
    {
        var state = new ConversationState();
        foreach (var @event in events)
        {
            state.Apply(@event);
        }

        return state;
    }

    private static CallReport Call(string callEvent, string? status, DateTimeOffset at, bool incoming = true) =>
        new("wacid.1", callEvent, incoming, status, at, null, callEvent == "terminate" ? at : null, null, "{}");

    private static MessageEditReport Edit(string id, DateTimeOffset at, string text) =>
        new(id, "wamid.m", at, text, new MessageContent { Text = text }, "{}");
}
