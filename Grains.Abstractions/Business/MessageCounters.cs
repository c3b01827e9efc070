namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// Message counts of a business number, or a delta a conversation reports. Keys of <see cref="ByType"/> are Meta's
/// message types, of <see cref="ByStatus"/> delivery statuses (sent, delivered, read, failed…), of
/// <see cref="FailuresByErrorCode"/> Meta error codes as text.
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.MessageCounters")]
public sealed record MessageCounters(
    long MessagesIn,
    long MessagesOut,
    IReadOnlyDictionary<string, long> ByType,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> FailuresByErrorCode)
{
    /// <summary>The empty counts, shared: counters are immutable.</summary>
    public static IReadOnlyDictionary<string, long> NoCounts { get; } = new Dictionary<string, long>();

    public static MessageCounters Zero { get; } = new(0, 0, NoCounts, NoCounts, NoCounts);

    public bool IsZero => MessagesIn == 0 && MessagesOut == 0 && ByType.Count == 0 && ByStatus.Count == 0 && FailuresByErrorCode.Count == 0;

    public MessageCounters Add(MessageCounters other) => new(
        MessagesIn + other.MessagesIn,
        MessagesOut + other.MessagesOut,
        Sum(ByType, other.ByType),
        Sum(ByStatus, other.ByStatus),
        Sum(FailuresByErrorCode, other.FailuresByErrorCode));

    private static IReadOnlyDictionary<string, long> Sum(IReadOnlyDictionary<string, long> left, IReadOnlyDictionary<string, long> right)
    {
        // Counters are immutable, so a side with nothing to add is the sum as it stands.
        if (right.Count == 0)
        {
            return left;
        }

        if (left.Count == 0)
        {
            return right;
        }

        var sum = new Dictionary<string, long>(left, StringComparer.Ordinal);
        foreach (var (key, value) in right)
        {
            sum[key] = sum.GetValueOrDefault(key) + value;
        }

        return sum;
    }
}
