using System.Security.Cryptography;
using System.Text;
using WaApp.EventSourcing.Grains;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>A business account rebuilt from its events; also its JSON snapshot.</summary>
[GenerateSerializer, Alias("waapp.BusinessAccountState")]
public sealed class BusinessAccountState : IEventSourcedState<BusinessAccountEvent>
{
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
                }

                break;
            default:
                throw new InvalidOperationException($"BusinessAccountState has no rule for {@event.GetType().Name}.");
        }
    }

    private static string Fingerprint(BusinessNotice notice) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{notice.Field}\n{notice.Time?.ToUnixTimeSeconds()}\n{notice.RawJson}")));
}
