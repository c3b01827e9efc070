using WaApp.EventSourcing.Streams;

namespace WaApp.EventSourcing.Tests.Streams;

public sealed class StreamIdMaskTests
{
    [Fact]
    public void Masked_stream_ids_keep_the_kind_hide_the_phone_numbers_and_stay_stable()
    {
        var masked = StreamIdMask.Mask("conversation/106540352242922:15551234567");

        Assert.StartsWith("conversation/#", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("15551234567", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("106540352242922", masked, StringComparison.Ordinal);
        Assert.Equal(masked, StreamIdMask.Mask("conversation/106540352242922:15551234567"));
        Assert.NotEqual(masked, StreamIdMask.Mask("conversation/106540352242922:15551234568"));
    }
}
