using System.Security.Cryptography;
using System.Text;
using WaApp.EventSourcing.Grains;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// A business account rebuilt from its events; also its JSON snapshot. Notices are kept per webhook field, at most
/// <see cref="MaxNoticesPerField"/> of each (the oldest of that field go first), so a chatty field such as
/// <c>calls</c> or <c>history</c> never pushes out template statuses, and the state stays bounded.
/// </summary>
[GenerateSerializer, Alias("waapp.BusinessAccountState")]
public sealed class BusinessAccountState : IEventSourcedState<BusinessAccountEvent>
{
    /// <summary>Notices kept per field; the events keep every notice ever received.</summary>
    public const int MaxNoticesPerField = 200;

    /// <summary>All kept notices, oldest first.</summary>
    [Id(0)]
    public List<BusinessNotice> Notices { get; set; } = [];

    /// <summary>
    /// Fingerprints of stored notices. Account notices carry no id, so a redelivery is recognised by its exact field
    /// and JSON (which includes Meta's time where it sends one).
    /// </summary>
    [Id(1)]
    public HashSet<string> Fingerprints { get; set; } = new(StringComparer.Ordinal);

    public bool Contains(BusinessNotice notice) => Fingerprints.Contains(Fingerprint(notice));

    public void Apply(BusinessAccountEvent @event)
    {
        switch (@event)
        {
            case BusinessNoticeReceived received:
                if (Fingerprints.Add(Fingerprint(received.Notice)))
                {
                    Notices.Add(received.Notice);
                    DropBeyondCap(received.Notice.Field);
                }

                break;
            default:
                throw new InvalidOperationException($"BusinessAccountState has no rule for {@event.GetType().Name}.");
        }
    }

    /// <summary>
    /// Drops the oldest notices of <paramref name="field"/> beyond the cap, with their fingerprints: a redelivery of a
    /// notice that old (Meta redelivers only what was not acknowledged) would be stored again as new.
    /// </summary>
    private void DropBeyondCap(string field)
    {
        var excess = Notices.Count(notice => notice.Field == field) - MaxNoticesPerField;
        for (var i = 0; excess > 0 && i < Notices.Count;)
        {
            if (Notices[i].Field == field)
            {
                Fingerprints.Remove(Fingerprint(Notices[i]));
                Notices.RemoveAt(i);
                excess--;
            }
            else
            {
                i++;
            }
        }
    }

    private static string Fingerprint(BusinessNotice notice) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{notice.Field}\n{notice.Time?.ToUnixTimeSeconds()}\n{notice.RawJson}")));
}
