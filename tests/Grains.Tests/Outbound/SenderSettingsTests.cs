using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Outbound;

namespace WaApp.Grains.Tests.Outbound;

public sealed class SenderSettingsTests
{
    [Fact]
    public void Defaults_are_valid_and_follow_Metas_default_tier()
    {
        var options = new SenderOptions();

        Assert.True(new SenderOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(80, options.RateFor("117283940561728"));
    }

    [Fact]
    public void Rates_above_Metas_highest_tier_are_refused_with_the_setting_named()
    {
        var options = new SenderOptions { MessagesPerSecond = 1001, Numbers = { ["117283940561728"] = 0 }, MaxQueueTime = TimeSpan.FromMinutes(10) };

        var result = new SenderOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Sender:MessagesPerSecond", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Sender:Numbers:117283940561728", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Sender:MaxQueueTime", StringComparison.Ordinal));
    }

    [Fact]
    public void A_per_number_rate_overrides_the_default()
    {
        var options = new SenderOptions { Numbers = { ["117283940561728"] = 1000 } };

        Assert.Equal(1000, options.RateFor("117283940561728"));
        Assert.Equal(80, options.RateFor("999"));
    }

    [Theory]
    [InlineData("14155550123", "+14155550123")]
    [InlineData("+1 (415) 555-0123", "+14155550123")]
    public void Recipients_get_the_plus_Meta_needs(string to, string expected)
    {
        var request = OutboundRequests.TryBuild(new OutboundSend("s1", to, new TextContent("hi")), out var problem);

        Assert.Null(problem);
        Assert.Equal(expected, request!.To);
        Assert.Equal("s1", request.BizOpaqueCallbackData);
    }
}
