using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Business;
using WaApp.Grains.Contacts;

namespace WaApp.Grains.Tests.Contacts;

public sealed class ContactAndBusinessStateTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795419000);

    [Fact]
    public void A_contact_changes_only_when_a_webhook_says_something_new()
    {
        var state = new ContactState();
        var first = new ContactObservation("117283940561728", "Ana Ruiz", null, "14155550123", null, T0);

        Assert.True(state.ChangesProfile(first));
        state.Apply(new ContactProfileUpdated(first.ProfileName, first.Username, first.WaId, first.UserId, first.ObservedAt));

        Assert.False(state.ChangesProfile(first with { ObservedAt = T0.AddMinutes(1) }));
        Assert.False(state.ChangesProfile(new ContactObservation("117283940561728", null, null, "14155550123", null, T0.AddMinutes(2))));
        Assert.True(state.ChangesProfile(first with { ProfileName = "Ana R.", ObservedAt = T0.AddMinutes(3) }));
        Assert.True(state.ChangesProfile(first with { UserId = "US.1", ObservedAt = T0.AddMinutes(3) }));
    }

    [Fact]
    public void A_late_consent_report_does_not_undo_a_newer_choice_and_each_number_keeps_its_own()
    {
        var state = new ContactState();
        state.Apply(new ContactConversationStarted("111", T0));
        state.Apply(new ContactConversationStarted("222", T0));
        var stop = new ContactConversationReport("111", T0, OptedOut: true, MarketingStopped: false, T0.AddMinutes(5), null);
        var olderStart = stop with { OptedOut = false, OptOutChangedAt = T0.AddMinutes(1) };

        Assert.False(state.ChangesConsent(stop with { OptedOut = false, OptOutChangedAt = null }));
        Assert.True(state.ChangesConsent(stop));
        state.Apply(new ContactConsentChanged("111", true, false, T0.AddMinutes(5), null));
        Assert.False(state.ChangesConsent(stop));
        Assert.False(state.ChangesConsent(olderStart));
        state.Apply(new ContactConsentChanged("111", false, false, T0.AddMinutes(1), null));

        var profile = state.ToProfile("14155550123");
        Assert.Equal([(true, "111:14155550123"), (false, "222:14155550123")], profile.Conversations.Select(c => (c.OptedOut, c.ConversationId)));
        Assert.Equal(T0.AddMinutes(5), profile.Conversations[0].ConsentChangedAt);
        Assert.True(state.HasConversation("222"));
        Assert.False(state.HasConversation("333"));
    }

    [Fact]
    public void A_number_change_is_applied_once_and_keeps_the_old_and_new_ids()
    {
        var state = new ContactState();
        state.Apply(new ContactProfileUpdated("Ana Ruiz", null, "14155550123", null, T0));
        var change = new ContactIdentityChange("user_changed_number", "14155550199", null, "wamid.SYS1");

        Assert.False(state.Knows(change));
        state.Apply(new ContactIdentityChanged(change, T0.AddMinutes(1)));

        Assert.True(state.Knows(change));
        var profile = state.ToProfile("14155550123");
        Assert.Equal("14155550199", profile.ReplacedBy);
        Assert.Equal(["14155550123", "14155550199"], profile.Aliases);
    }

    [Fact]
    public void A_redelivered_business_notice_is_recognised()
    {
        var state = new BusinessAccountState();
        var notice = new BusinessNotice("message_template_status_update", "APPROVED", T0, null, "order_shipped_v2", null, """{"event":"APPROVED"}""");

        state.Apply(new BusinessNoticeReceived(notice));

        Assert.True(state.Contains(notice with { }));
        Assert.False(state.Contains(notice with { Time = T0.AddSeconds(1) }));
        Assert.Single(state.Notices);
    }
}
