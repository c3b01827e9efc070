using System.Collections.Concurrent;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// Which business metadata (display number, WABA id) this gateway last told each number's business grain, and when.
/// Every webhook of a number carries the same metadata: telling the grain once per webhook cost every message a grain
/// call to the number's one business grain. It is told when the metadata differs from what this gateway last sent,
/// and again after <see cref="RepeatAfter"/>, in case the grain lost it (a silo that stopped before its next flush).
/// </summary>
public sealed class BusinessMetadataRelay(TimeProvider clock)
{
    /// <summary>How long the same metadata is not sent again to the same number's grain.</summary>
    public static readonly TimeSpan RepeatAfter = TimeSpan.FromMinutes(1);

    /// <summary>Numbers remembered; past it the map starts over (a number then costs one call again).</summary>
    public const int MaxNumbers = 10_000;

    private readonly ConcurrentDictionary<string, Sent> _sent = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="metadata"/> should be sent now; it is then remembered as sent.</summary>
    public bool ShouldSend(string phoneNumberId, BusinessMetadata metadata)
    {
        var now = clock.GetTimestamp();
        if (_sent.TryGetValue(phoneNumberId, out var sent) && sent.Metadata == metadata && clock.GetElapsedTime(sent.At, now) < RepeatAfter)
        {
            return false;
        }

        if (_sent.Count >= MaxNumbers)
        {
            _sent.Clear();
        }

        _sent[phoneNumberId] = new Sent(metadata, now);
        return true;
    }

    private sealed record Sent(BusinessMetadata Metadata, long At);
}
