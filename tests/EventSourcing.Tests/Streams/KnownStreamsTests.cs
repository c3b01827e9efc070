using Microsoft.Extensions.Options;
using WaApp.EventSourcing.Streams;

namespace WaApp.EventSourcing.Tests.Streams;

public sealed class KnownStreamsTests
{
    [Fact]
    public void A_stream_is_known_once_added_and_forgotten_when_cleared()
    {
        var known = Create(capacity: 10);

        known.Add("conversation/a");

        Assert.True(known.Contains("conversation/a"));
        Assert.False(known.Contains("conversation/b"));
        known.Clear();
        Assert.False(known.Contains("conversation/a"));
    }

    [Fact]
    public void A_full_set_starts_over_instead_of_growing()
    {
        var known = Create(capacity: 2);
        known.Add("conversation/a");
        known.Add("conversation/b");

        known.Add("conversation/c");

        Assert.True(known.Contains("conversation/c"));
        Assert.False(known.Contains("conversation/a"));
    }

    [Fact]
    public void Capacity_zero_turns_the_hint_off()
    {
        var known = Create(capacity: 0);

        known.Add("conversation/a");

        Assert.False(known.Contains("conversation/a"));
    }

    private static KnownStreams Create(int capacity) =>
        new(Options.Create(new EventSourcedStreamOptions { KnownStreamsCapacity = capacity }));
}
