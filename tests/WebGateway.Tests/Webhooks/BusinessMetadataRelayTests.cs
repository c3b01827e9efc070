using WaApp.Grains.Abstractions.Business;
using WaApp.WebGateway.Webhooks;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>
/// Every webhook of a number carries its display number and WABA id: the business grain is told when they change
/// (or a while after it was last told), not once per webhook.
/// </summary>
public sealed class BusinessMetadataRelayTests
{
    private const string Number = "106540352242922";

    [Fact]
    public void The_same_metadata_is_sent_once_and_again_only_after_the_repeat_interval()
    {
        var clock = new ManualClock();
        var relay = new BusinessMetadataRelay(clock);
        var metadata = new BusinessMetadata("15550783881", "102290129340398");

        Assert.True(relay.ShouldSend(Number, metadata));
        Assert.False(relay.ShouldSend(Number, metadata with { }));
        clock.Advance(BusinessMetadataRelay.RepeatAfter - TimeSpan.FromSeconds(1));
        Assert.False(relay.ShouldSend(Number, metadata));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(relay.ShouldSend(Number, metadata));
    }

    [Fact]
    public void Changed_metadata_and_another_number_are_sent_at_once()
    {
        var relay = new BusinessMetadataRelay(new ManualClock());
        var metadata = new BusinessMetadata("15550783881", "102290129340398");

        Assert.True(relay.ShouldSend(Number, metadata));
        Assert.True(relay.ShouldSend(Number, metadata with { DisplayPhoneNumber = "15550783882" }));
        Assert.True(relay.ShouldSend("106540352242923", metadata));
        Assert.False(relay.ShouldSend(Number, metadata with { DisplayPhoneNumber = "15550783882" }));
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
