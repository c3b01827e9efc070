using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Tests.Rules;

public sealed class MessageRulesTests
{
    // Monday 23 November 2026, 10:00 in Madrid (UTC+01:00): inside office hours.
    private static readonly DateTimeOffset DuringHours = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    // Monday 23 November 2026, 22:00 in Madrid: closed.
    private static readonly DateTimeOffset AfterHours = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);

    private static readonly BusinessSettings Settings = new()
    {
        WelcomeMessage = "Welcome to Acme!",
        KeywordReplies = [new KeywordReply("price", "Prices: acme.example/prices"), new KeywordReply("opening hours", "Mon–Fri 9–18")],
        BusinessHours = new BusinessHours(
            "Europe/Madrid",
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(day => new OpeningPeriod(day, new TimeOnly(9, 0), new TimeOnly(18, 0)))],
            "We are closed and answer from 9:00."),
    };

    [Fact]
    public void A_first_contact_gets_the_welcome_message()
    {
        var decision = Decide(Message("Hello", DuringHours, firstContact: true));

        Assert.Equal([new AutoReply(AutoReplyKind.Welcome, "Welcome to Acme!")], decision.Replies);
    }

    [Fact]
    public void A_returning_customer_gets_no_welcome()
    {
        Assert.Empty(Decide(Message("Hello again", DuringHours)).Replies);
    }

    [Theory]
    [InlineData("What's the PRICE?")]
    [InlineData("price")]
    [InlineData("Price!!")]
    [InlineData("tell me the price please")]
    public void A_keyword_anywhere_in_the_text_gets_its_reply(string text)
    {
        var decision = Decide(Message(text, DuringHours));

        Assert.Equal([new AutoReply(AutoReplyKind.KeywordReply, "Prices: acme.example/prices")], decision.Replies);
    }

    [Theory]
    [InlineData("priceless")]
    [InlineData("hours")]
    public void A_keyword_must_match_whole_words(string text)
    {
        Assert.Empty(Decide(Message(text, DuringHours)).Replies);
    }

    [Fact]
    public void A_multi_word_keyword_matches_across_punctuation()
    {
        var decision = Decide(Message("opening-hours?", DuringHours));

        Assert.Equal(AutoReplyKind.KeywordReply, Assert.Single(decision.Replies).Kind);
    }

    [Fact]
    public void Outside_business_hours_a_first_contact_gets_welcome_keyword_reply_and_away_message_in_that_order()
    {
        var decision = Decide(Message("price?", AfterHours, firstContact: true));

        Assert.Equal([AutoReplyKind.Welcome, AutoReplyKind.KeywordReply, AutoReplyKind.AwayMessage], decision.Replies.Select(reply => reply.Kind));
        Assert.True(decision.SendsAwayMessage);
    }

    [Fact]
    public void The_away_message_is_sent_once_per_interval()
    {
        var tooSoon = Decide(Message("anyone there?", AfterHours, lastAwayAt: AfterHours.AddHours(-23)));
        var later = Decide(Message("anyone there?", AfterHours, lastAwayAt: AfterHours.AddHours(-24)));

        Assert.Empty(tooSoon.Replies);
        Assert.Equal(AutoReplyKind.AwayMessage, Assert.Single(later.Replies).Kind);
    }

    [Fact]
    public void The_away_message_interval_is_configurable()
    {
        var settings = Settings with { BusinessHours = Settings.BusinessHours! with { AwayMessageInterval = TimeSpan.FromHours(1) } };

        var decision = MessageRules.Decide(Message("hi", AfterHours, lastAwayAt: AfterHours.AddHours(-1)), settings);

        Assert.True(decision.SendsAwayMessage);
    }

    [Fact]
    public void Business_hours_are_judged_by_the_message_time_not_the_processing_time()
    {
        var processedNextMorning = Message("hi", AfterHours) with { Now = DuringHours.AddDays(1) };

        Assert.True(Decide(processedNextMorning).SendsAwayMessage);
    }

    [Theory]
    [InlineData("reaction")]
    [InlineData("system")]
    [InlineData("unsupported")]
    [InlineData("request_welcome")]
    public void Reactions_system_and_unsupported_messages_never_get_a_reply(string type)
    {
        var decision = Decide(Message("price", AfterHours, firstContact: true) with { Type = type });

        Assert.Empty(decision.Replies);
        Assert.Null(decision.ConsentChange);
    }

    [Fact]
    public void A_message_whose_window_has_closed_gets_no_reply()
    {
        var lateRedelivery = Message("price", AfterHours, firstContact: true) with { Now = AfterHours.AddHours(24) };

        Assert.Empty(Decide(lateRedelivery).Replies);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop!")]
    [InlineData("Unsubscribe")]
    public void An_opt_out_keyword_opts_out_and_gets_only_the_confirmation(string text)
    {
        var decision = Decide(Message(text, AfterHours, firstContact: true));

        Assert.Equal(ConsentChange.OptOut, decision.ConsentChange);
        Assert.Equal([new AutoReply(AutoReplyKind.OptOutConfirmation, Settings.OptOutConfirmation!)], decision.Replies);
    }

    [Fact]
    public void An_opt_out_without_a_configured_confirmation_still_opts_out()
    {
        var decision = MessageRules.Decide(Message("STOP", DuringHours), Settings with { OptOutConfirmation = null });

        Assert.Equal(ConsentChange.OptOut, decision.ConsentChange);
        Assert.Empty(decision.Replies);
    }

    [Fact]
    public void A_late_opt_out_still_opts_out_but_is_not_answered()
    {
        var decision = Decide(Message("STOP", DuringHours) with { Now = DuringHours.AddDays(2) });

        Assert.Equal(ConsentChange.OptOut, decision.ConsentChange);
        Assert.Empty(decision.Replies);
    }

    [Fact]
    public void Start_from_an_opted_out_customer_opts_back_in()
    {
        var decision = Decide(Message("Start", DuringHours) with { OptedOut = true });

        Assert.Equal(ConsentChange.OptIn, decision.ConsentChange);
        Assert.Equal([new AutoReply(AutoReplyKind.OptInConfirmation, Settings.OptInConfirmation!)], decision.Replies);
    }

    [Fact]
    public void Start_from_a_subscribed_customer_is_ordinary_text()
    {
        var decision = Decide(Message("start", DuringHours));

        Assert.Null(decision.ConsentChange);
        Assert.Empty(decision.Replies);
    }

    [Fact]
    public void Auto_mark_as_read_marks_customer_messages_but_not_system_notices()
    {
        var settings = Settings with { AutoMarkAsRead = true };

        Assert.True(MessageRules.Decide(Message("hi", DuringHours), settings).MarkAsRead);
        Assert.True(MessageRules.Decide(Message(null, DuringHours) with { Type = "reaction" }, settings).MarkAsRead);
        Assert.False(MessageRules.Decide(Message(null, DuringHours) with { Type = "system" }, settings).MarkAsRead);
        Assert.False(MessageRules.Decide(Message("hi", DuringHours), Settings).MarkAsRead);
    }

    [Fact]
    public void A_business_without_settings_never_replies()
    {
        var decision = MessageRules.Decide(Message("price", AfterHours, firstContact: true), BusinessSettings.Default);

        Assert.Equal(ProcessingDecision.Nothing.Replies, decision.Replies);
    }

    private static ProcessingDecision Decide(InboundMessageContext message) => MessageRules.Decide(message, Settings);

    private static InboundMessageContext Message(string? text, DateTimeOffset sentAt, bool firstContact = false, DateTimeOffset? lastAwayAt = null) =>
        new("text", text, sentAt, firstContact, OptedOut: false, lastAwayAt, Now: sentAt.AddSeconds(2));
}
