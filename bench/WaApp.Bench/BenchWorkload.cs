using System.Globalization;

namespace WaApp.Bench;

/// <summary>
/// The deterministic shape of a run: wrk thread <c>t</c> sends its bodies in order, body <c>k</c> carries wamid
/// <see cref="MessageId"/>(t, k) from user <see cref="ContactId"/>(t, k), or — for <see cref="StatusPercent"/> % of
/// the bodies — a status update of an earlier outbound message to that user. The generator and the loss check
/// derive the same names from the same numbers, so nothing but the per-thread sent counts has to be handed over.
/// </summary>
/// <remarks>Users are numbered from <see cref="FirstUser"/>, so a run can address customers never seen before.</remarks>
internal sealed record BenchWorkload(string RunId, string PhoneNumberId, int Users, int FirstUser, int Threads, int PerThread, int StatusPercent)
{
    private static readonly string[] Statuses = ["sent", "delivered", "read"];

    /// <summary>The first contact id: an E.164-looking number far from the fixtures' numbers.</summary>
    private const long FirstContact = 19_990_000_000;

    public string MessageId(int thread, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"wamid.bench.{RunId}.{thread}.{index}");

    public string ContactId(int thread, int index) =>
        (FirstContact + FirstUser + ((((long)thread * PerThread) + index) * 7_919 % Users)).ToString(CultureInfo.InvariantCulture);

    /// <summary>True when body k of thread t is a status update rather than an inbound message (spread evenly).</summary>
    public bool IsStatus(int thread, int index) => (index * 37 + thread) % 100 < StatusPercent;

    /// <summary>The outbound wamid a status body reports on, and the status; sent, delivered, read in turn.</summary>
    public (string MessageId, string Status) StatusOf(int thread, int index) =>
        (string.Create(CultureInfo.InvariantCulture, $"wamid.bench.{RunId}.out.{thread}.{index / 3}"), Statuses[index % 3]);

    public string ConversationKey(int thread, int index) => $"{PhoneNumberId}:{ContactId(thread, index)}";

    /// <summary>The wamid prefix of this run, to tell its messages from the warm-up's.</summary>
    public string MessageIdPrefix => $"wamid.bench.{RunId}.";

    public static BenchWorkload From(BenchArguments args) => new(
        args.Text("run-id"),
        args.Text("phone-number-id", "100200300400500"),
        args.Number("users", 10_000),
        args.Offset("first-user"),
        args.Number("threads", 2),
        args.Number("per-thread", 100_000),
        args.Percent("status-percent"));
}
