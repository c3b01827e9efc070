using System.Collections.Concurrent;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary>One request to <c>/messages</c> as the simulator received and answered it.</summary>
public sealed record ReceivedRequest(
    long Sequence,
    DateTimeOffset ReceivedAt,
    string PhoneNumberId,
    string ApiVersion,
    string Body)
{
    public int? ResponseStatus { get; set; }

    /// <summary>When the message took a throughput slot (the time the rate limit counts).</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    public string? MessageId { get; set; }

    public int? ErrorCode { get; set; }

    public string? Fault { get; set; }
}

/// <summary>Everything sent to <c>/messages</c>, with receive times, so tests can check bodies and measure rates.</summary>
public sealed class RequestJournal
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private long _sequence;

    public ReceivedRequest Record(DateTimeOffset at, string phoneNumberId, string apiVersion, string body)
    {
        var request = new ReceivedRequest(Interlocked.Increment(ref _sequence), at, phoneNumberId, apiVersion, body);
        _requests.Enqueue(request);
        return request;
    }

    public IReadOnlyList<ReceivedRequest> Snapshot(string? phoneNumberId = null) =>
        [.. _requests.Where(request => phoneNumberId is null || request.PhoneNumberId == phoneNumberId).OrderBy(request => request.Sequence)];

    public void Clear() => _requests.Clear();
}
