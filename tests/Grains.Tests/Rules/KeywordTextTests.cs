using WaApp.Grains.Rules;

namespace WaApp.Grains.Tests.Rules;

public sealed class KeywordTextTests
{
    [Theory]
    [InlineData("  Stop!! ", "STOP")]
    [InlineData("opt-out", "OPT OUT")]
    [InlineData("ＳＴＯＰ", "STOP")]
    [InlineData("ﬁnish 🙏 now", "FINISH NOW")]
    [InlineData("!!! ???", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Folds_case_compatibility_forms_and_separators(string? text, string expected) =>
        Assert.Equal(expected, KeywordText.Normalize(text));

    [Fact]
    public void A_text_longer_than_the_stack_buffer_folds_the_same_way()
    {
        var text = string.Concat(Enumerable.Repeat("Please, stop! ", 100));

        var normalized = KeywordText.Normalize(text);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("PLEASE STOP", 100)), normalized);
    }
}
