using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

/// <summary>Requests Meta would refuse are refused while they are built, before anything is sent.</summary>
public sealed class SendMessageRequestTests
{
    [Fact]
    public void Reaction_cannot_also_be_a_reply() =>
        Assert.Throws<InvalidOperationException>(() => SendMessageRequest.ForReaction("+14155550123", "wamid.A", "👍").InReplyTo("wamid.B"));

    [Fact]
    public void Callback_data_over_512_characters_is_refused() =>
        Assert.Throws<ArgumentException>(() => SendMessageRequest.ForText("+14155550123", "Hi").WithCallbackData(new string('x', 513)));

    [Fact]
    public void Audio_and_stickers_take_no_caption()
    {
        Assert.Throws<ArgumentException>(() => SendMessageRequest.ForAudio("+14155550123", MediaPayload.FromId("1", caption: "no")));
        Assert.Throws<ArgumentException>(() => SendMessageRequest.ForSticker("+14155550123", MediaPayload.FromId("1", caption: "no")));
    }

    [Theory]
    [InlineData("ftp://example.com/a.jpg")]
    [InlineData("file:///etc/passwd")]
    public void Media_link_must_be_http(string link) =>
        Assert.Throws<ArgumentException>(() => MediaPayload.FromLink(new Uri(link)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Recipient_is_required(string to) =>
        Assert.ThrowsAny<ArgumentException>(() => SendMessageRequest.ForText(to, "Hi"));

    [Fact]
    public void Contacts_message_needs_a_card() =>
        Assert.Throws<ArgumentException>(() => SendMessageRequest.ForContacts("+14155550123", []));
}
