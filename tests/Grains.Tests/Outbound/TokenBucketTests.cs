using WaApp.Grains.Outbound;

namespace WaApp.Grains.Tests.Outbound;

public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch.AddDays(20000);

    [Theory]
    [InlineData(20)]
    [InlineData(80)]
    [InlineData(1000)]
    public void No_second_grants_more_than_the_rate_plus_the_burst_and_polling_loses_nothing(int perSecond)
    {
        var bucket = new TokenBucket(perSecond, Start);
        var granted = new List<DateTimeOffset>();
        // Ask every millisecond for ten seconds, as a greedy pump would.
        for (var ms = 0; ms < 10_000; ms++)
        {
            var now = Start.AddMilliseconds(ms);
            while (bucket.IsAvailable(now, out _))
            {
                bucket.Take(now);
                granted.Add(now);
            }
        }

        var busiest = granted.Max(t => granted.Count(other => other >= t && other < t.AddSeconds(1)));
        Assert.InRange(busiest, perSecond, perSecond + bucket.Capacity);
        Assert.InRange(granted.Count, perSecond * 10, (perSecond * 10) + bucket.Capacity);
    }

    [Fact]
    public void An_empty_bucket_says_how_long_until_the_next_token()
    {
        var bucket = new TokenBucket(80, Start);
        bucket.Take(Start);

        Assert.False(bucket.IsAvailable(Start, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(1.0 / 80), wait);
        Assert.Throws<InvalidOperationException>(() => bucket.Take(Start));
        Assert.True(bucket.IsAvailable(Start + wait, out _));
    }
}
