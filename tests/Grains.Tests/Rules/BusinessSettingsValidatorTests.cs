using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Tests.Rules;

public sealed class BusinessSettingsValidatorTests
{
    private static readonly BusinessHours OfficeHours = new(
        "Europe/Madrid",
        [new OpeningPeriod(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(14, 0)), new OpeningPeriod(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(18, 0))],
        "We are closed; we answer from 9:00.");

    [Fact]
    public void Complete_valid_settings_have_no_errors()
    {
        var settings = new BusinessSettings
        {
            WelcomeMessage = "Welcome to Acme!",
            KeywordReplies = [new KeywordReply("price", "Prices: acme.example/prices"), new KeywordReply("opening hours", "9 to 18")],
            BusinessHours = OfficeHours with { AwayMessageInterval = TimeSpan.FromHours(4) },
            AutoMarkAsRead = true,
        };

        Assert.Empty(BusinessSettingsValidator.Validate(settings));
        Assert.Empty(BusinessSettingsValidator.Validate(BusinessSettings.Default));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("Eastern Standard Time")]
    [InlineData("+02:00")]
    public void A_bad_time_zone_names_the_field(string zone)
    {
        var errors = Validate(new BusinessSettings { BusinessHours = OfficeHours with { TimeZone = zone } });

        Assert.Equal("businessHours.timeZone", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    public void An_empty_keyword_names_the_field(string keyword)
    {
        var errors = Validate(new BusinessSettings { KeywordReplies = [new KeywordReply("price", "p"), new KeywordReply(keyword, "reply")] });

        Assert.Equal("keywordReplies[1].keyword", Assert.Single(errors).Field);
    }

    [Fact]
    public void A_repeated_keyword_and_an_empty_reply_are_reported_together()
    {
        var errors = Validate(new BusinessSettings { KeywordReplies = [new KeywordReply("Price", "a"), new KeywordReply(" price ", " ")] });

        Assert.Equal(["keywordReplies[1].keyword", "keywordReplies[1].reply"], errors.Select(error => error.Field));
    }

    [Fact]
    public void Overlapping_periods_name_the_later_one()
    {
        var hours = OfficeHours with
        {
            Periods = [new OpeningPeriod(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(14, 0)), new OpeningPeriod(DayOfWeek.Monday, new TimeOnly(13, 0), new TimeOnly(18, 0))],
        };

        var error = Assert.Single(Validate(new BusinessSettings { BusinessHours = hours }));

        Assert.Equal("businessHours.periods[1]", error.Field);
        Assert.Contains("periods[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_saturday_night_period_overlapping_sunday_morning_is_found()
    {
        var hours = OfficeHours with
        {
            Periods = [new OpeningPeriod(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(3, 0)), new OpeningPeriod(DayOfWeek.Saturday, new TimeOnly(22, 0), new TimeOnly(2, 0))],
        };

        Assert.Equal("businessHours.periods[1]", Assert.Single(Validate(new BusinessSettings { BusinessHours = hours })).Field);
    }

    [Fact]
    public void Business_hours_without_periods_or_away_message_are_refused()
    {
        var errors = Validate(new BusinessSettings { BusinessHours = OfficeHours with { Periods = [], AwayMessage = "" } });

        Assert.Equal(["businessHours.awayMessage", "businessHours.periods"], errors.Select(error => error.Field));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(8 * 24 * 3600)]
    public void An_away_message_interval_out_of_range_names_the_field(int seconds)
    {
        var errors = Validate(new BusinessSettings { BusinessHours = OfficeHours with { AwayMessageInterval = TimeSpan.FromSeconds(seconds) } });

        Assert.Equal("businessHours.awayMessageInterval", Assert.Single(errors).Field);
    }

    [Fact]
    public void An_empty_welcome_message_names_the_field_while_null_sends_none()
    {
        Assert.Equal("welcomeMessage", Assert.Single(Validate(new BusinessSettings { WelcomeMessage = " " })).Field);
        Assert.Empty(Validate(new BusinessSettings { WelcomeMessage = null, OptOutConfirmation = null }));
    }

    [Fact]
    public void A_reply_longer_than_whatsapp_allows_names_the_field()
    {
        var errors = Validate(new BusinessSettings { WelcomeMessage = new string('a', BusinessSettingsValidator.MaxReplyLength + 1) });

        Assert.Equal("welcomeMessage", Assert.Single(errors).Field);
    }

    private static IReadOnlyList<SettingsFieldError> Validate(BusinessSettings settings) => BusinessSettingsValidator.Validate(settings);
}
