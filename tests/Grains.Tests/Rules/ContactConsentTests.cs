using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Tests.Rules;

public sealed class ContactConsentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Opting_out_stops_every_business_initiated_message_until_opt_in()
    {
        var optedOut = ContactConsent.Initial.Apply(ConsentChange.OptOut, T0);
        var optedIn = optedOut.Apply(ConsentChange.OptIn, T0.AddMinutes(5));

        Assert.False(optedOut.AllowsBusinessInitiated(marketing: false));
        Assert.False(optedOut.AllowsBusinessInitiated(marketing: true));
        Assert.True(optedIn.AllowsBusinessInitiated(marketing: false));
        Assert.True(optedIn.AllowsBusinessInitiated(marketing: true));
    }

    [Fact]
    public void A_marketing_stop_suppresses_marketing_only_until_resumed()
    {
        var stopped = ContactConsent.Initial.Apply(ConsentChange.StopMarketing, T0);
        var resumed = stopped.Apply(ConsentChange.ResumeMarketing, T0.AddDays(1));

        Assert.True(stopped.AllowsBusinessInitiated(marketing: false));
        Assert.False(stopped.AllowsBusinessInitiated(marketing: true));
        Assert.True(resumed.AllowsBusinessInitiated(marketing: true));
    }

    [Fact]
    public void An_older_signal_arriving_late_does_not_undo_a_newer_one()
    {
        var consent = ContactConsent.Initial
            .Apply(ConsentChange.OptOut, T0.AddMinutes(10))
            .Apply(ConsentChange.OptIn, T0)
            .Apply(ConsentChange.StopMarketing, T0.AddMinutes(10))
            .Apply(ConsentChange.ResumeMarketing, T0);

        Assert.True(consent.OptedOut);
        Assert.True(consent.MarketingStopped);
    }

    [Theory]
    [InlineData("marketing_messages", "stop", ConsentChange.StopMarketing)]
    [InlineData("marketing_messages", "STOP", ConsentChange.StopMarketing)]
    [InlineData("Marketing_Messages", " resume ", ConsentChange.ResumeMarketing)]
    public void User_preferences_marketing_entries_are_consent_changes(string category, string value, ConsentChange expected)
    {
        Assert.True(ContactConsent.TryParseUserPreference(category, value, out var change));
        Assert.Equal(expected, change);
    }

    [Theory]
    [InlineData("marketing_messages", "pause")]
    [InlineData("marketing_messages", null)]
    [InlineData("utility_messages", "stop")]
    [InlineData(null, "stop")]
    public void Other_user_preferences_are_not_consent_changes(string? category, string? value)
    {
        Assert.False(ContactConsent.TryParseUserPreference(category, value, out _));
    }
}
