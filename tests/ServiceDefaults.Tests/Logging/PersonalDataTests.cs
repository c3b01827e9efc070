using WaApp.ServiceDefaults.Logging;

namespace WaApp.ServiceDefaults.Tests.Logging;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("14155550123", "14*******23")]
    [InlineData("+1 415-555-0123", "+14*******23")]
    [InlineData("4915112345678", "49*********78")]
    public void Phone_numbers_keep_only_two_leading_and_two_trailing_digits(string number, string expected) =>
        Assert.Equal(expected, PersonalData.MaskPhoneNumber(number));

    [Theory]
    [InlineData("123456", "******")]
    [InlineData("12", "**")]
    public void Short_numbers_are_masked_entirely(string number, string expected) =>
        Assert.Equal(expected, PersonalData.MaskPhoneNumber(number));

    [Fact]
    public void Missing_numbers_stay_missing()
    {
        Assert.Null(PersonalData.MaskPhoneNumber(null));
        Assert.Equal(string.Empty, PersonalData.MaskPhoneNumber(string.Empty));
    }

    [Fact]
    public void Message_text_is_replaced_by_its_length()
    {
        var described = PersonalData.DescribeText("Hi! Is my order #4417 shipped yet?");

        Assert.Equal("[text: 34 chars]", described);
        Assert.DoesNotContain("order", described, StringComparison.Ordinal);
        Assert.Equal("[no text]", PersonalData.DescribeText(null));
    }
}
