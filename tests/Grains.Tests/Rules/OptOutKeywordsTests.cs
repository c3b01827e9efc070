using WaApp.Grains.Rules;

namespace WaApp.Grains.Tests.Rules;

public sealed class OptOutKeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("Stop")]
    [InlineData("  sToP  ")]
    [InlineData("Stop!")]
    [InlineData("stop.")]
    [InlineData("🛑 STOP 🛑")]
    [InlineData("ＳＴＯＰ")]
    [InlineData("stop please")]
    [InlineData("Please, stop!")]
    [InlineData("Stop all")]
    [InlineData("STOPALL")]
    [InlineData("unsubscribe")]
    [InlineData("Unsub")]
    [InlineData("opt-out")]
    [InlineData("Opt out")]
    [InlineData("optout")]
    [InlineData("STOP_PROMOTIONS")]
    [InlineData("stop\n")]
    [InlineData("please stop promotions please")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!! STOP !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Opt_out_variants_are_recognised(string text)
    {
        Assert.Equal(OptKeyword.OptOut, OptOutKeywords.Classify(text));
    }

    [Theory]
    [InlineData("START")]
    [InlineData("start")]
    [InlineData(" Start! ")]
    [InlineData("unstop")]
    [InlineData("Subscribe")]
    [InlineData("resume")]
    [InlineData("opt-in")]
    [InlineData("OPTIN")]
    [InlineData("start please")]
    public void Opt_in_variants_are_recognised(string text)
    {
        Assert.Equal(OptKeyword.OptIn, OptOutKeywords.Classify(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Please don't stop calling me")]
    [InlineData("stop sending me the wrong size")]
    [InlineData("Where is the bus stop?")]
    [InlineData("cancel my order")]
    [InlineData("cancel")]
    [InlineData("end")]
    [InlineData("stopp")]
    [InlineData("s t o p")]
    [InlineData("restart my subscription")]
    [InlineData("please stop promotions please x")]
    [InlineData("Hello, this is message 12 of sender 3. Is my order shipped yet? Please stop.")]
    public void Ordinary_messages_are_not_keywords(string? text)
    {
        Assert.Equal(OptKeyword.None, OptOutKeywords.Classify(text));
    }
}
