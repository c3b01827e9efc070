using System.Text;
using WaApp.Grains.Abstractions.Media;
using WaApp.WebGateway.Media;

namespace WaApp.WebGateway.Tests.Media;

/// <summary>An upload's type comes from its bytes: what a sender claims never makes an executable an image.</summary>
public sealed class MediaSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png", "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0 }, "image/jpeg", "image/jpeg")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf", "application/pdf")]
    [InlineData(new byte[] { 0x4F, 0x67, 0x67, 0x53, 0, 0 }, "audio/ogg", "audio/ogg")]
    public void Known_signatures_are_recognised(byte[] head, string declared, string expected) =>
        Assert.Equal(expected, MediaSniffer.Sniff(head, declared));

    [Fact]
    public void An_executable_claiming_to_be_a_png_is_no_accepted_type()
    {
        var exe = new byte[64];
        "MZ"u8.CopyTo(exe);
        exe[2] = 0x90;

        Assert.Null(MediaSniffer.Sniff(exe, "image/png"));
    }

    [Fact]
    public void A_zip_is_a_document_only_when_declared_as_an_office_format()
    {
        var zip = "PK\u0003\u0004rest"u8.ToArray();

        Assert.Null(MediaSniffer.Sniff(zip, "application/zip"));
        Assert.Equal(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            MediaSniffer.Sniff(zip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    }

    [Fact]
    public void Markup_is_plain_text_and_never_inline()
    {
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");

        Assert.Equal("text/plain", MediaSniffer.Sniff(html, "text/html"));
        Assert.False(MediaLimits.IsInline("text/html"));
        Assert.False(MediaLimits.IsInline("image/svg+xml"));
        Assert.True(MediaLimits.IsInline("image/jpeg"));
        Assert.True(MediaLimits.IsSeekable("audio/ogg; codecs=opus"));
    }
}
