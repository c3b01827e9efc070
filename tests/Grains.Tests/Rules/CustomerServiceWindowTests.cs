using WaApp.Grains.Rules;

namespace WaApp.Grains.Tests.Rules;

public sealed class CustomerServiceWindowTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_customer_message_opens_the_window_for_exactly_24_hours()
    {
        var window = CustomerServiceWindow.Never.After("text", SentAt);

        Assert.Equal(SentAt.AddHours(24), window.ExpiresAt);
        Assert.True(window.IsOpenAt(SentAt));
        Assert.True(window.IsOpenAt(SentAt.AddHours(24).AddTicks(-1)));
        Assert.False(window.IsOpenAt(SentAt.AddHours(24)));
        Assert.False(window.IsOpenAt(SentAt.AddHours(24).AddSeconds(1)));
    }

    [Fact]
    public void A_window_that_was_never_opened_is_closed_and_has_no_expiry()
    {
        Assert.Null(CustomerServiceWindow.Never.ExpiresAt);
        Assert.False(CustomerServiceWindow.Never.IsOpenAt(SentAt));
    }

    [Fact]
    public void Each_new_customer_message_extends_the_window_from_its_own_timestamp()
    {
        var window = CustomerServiceWindow.Never.After("text", SentAt).After("image", SentAt.AddHours(23));

        Assert.Equal(SentAt.AddHours(47), window.ExpiresAt);
        Assert.True(window.IsOpenAt(SentAt.AddHours(30)));
    }

    [Fact]
    public void A_message_after_the_window_closed_reopens_it()
    {
        var window = CustomerServiceWindow.Never.After("text", SentAt).After("text", SentAt.AddDays(3));

        Assert.True(window.IsOpenAt(SentAt.AddDays(3).AddHours(1)));
    }

    [Theory]
    [InlineData("reaction")]
    [InlineData("system")]
    [InlineData("unsupported")]
    [InlineData("unknown")]
    [InlineData("request_welcome")]
    [InlineData("REACTION")]
    public void Reactions_system_and_unsupported_messages_do_not_open_or_extend_it(string type)
    {
        var opened = CustomerServiceWindow.Never.After("text", SentAt);

        Assert.Null(CustomerServiceWindow.Never.After(type, SentAt).ExpiresAt);
        Assert.Equal(SentAt.AddHours(24), opened.After(type, SentAt.AddHours(20)).ExpiresAt);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("image")]
    [InlineData("button")]
    [InlineData("interactive")]
    [InlineData("location")]
    [InlineData("order")]
    [InlineData("a_type_meta_adds_next_year")]
    public void Messages_a_customer_writes_count(string type)
    {
        Assert.Equal(SentAt.AddHours(24), CustomerServiceWindow.Never.After(type, SentAt).ExpiresAt);
    }

    [Fact]
    public void A_late_redelivery_of_an_older_message_does_not_shorten_the_window()
    {
        var window = CustomerServiceWindow.Never.After("text", SentAt).After("text", SentAt.AddHours(-5));

        Assert.Equal(SentAt.AddHours(24), window.ExpiresAt);
    }
}
