using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;

namespace WaApp.DynamoDB.Membership;

/// <summary>Silo rows as DynamoDB maps inside the version row, with invariant, round-trip date formats.</summary>
internal static class MembershipRowCodec
{
    private const string Address = "Address";
    private const string Port = "Port";
    private const string Generation = "Generation";
    private const string HostName = "HostName";
    private const string SiloStatus = "SiloStatus";
    private const string ProxyPort = "ProxyPort";
    private const string SiloName = "SiloName";
    private const string RoleName = "RoleName";
    private const string UpdateZone = "UpdateZone";
    private const string FaultZone = "FaultZone";
    private const string StartTime = "StartTime";
    private const string IAmAliveTime = "IAmAliveTime";
    private const string Suspicions = "Suspicions";
    private const string Suspector = "Silo";
    private const string SuspectedAt = "Time";
    private const string ETag = "ETag";

    /// <summary>The row's key in the silo map, as the official provider formats SiloIdentity.</summary>
    public static string Identity(SiloAddress silo) =>
        string.Create(CultureInfo.InvariantCulture, $"{silo.Endpoint.Address}-{silo.Endpoint.Port}-{silo.Generation}");

    public static AttributeValue Encode(MembershipEntry entry, int etag)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            [Address] = new(entry.SiloAddress.Endpoint.Address.ToString()),
            [Port] = Number(entry.SiloAddress.Endpoint.Port),
            [Generation] = Number(entry.SiloAddress.Generation),
            [SiloStatus] = Number((int)entry.Status),
            [ProxyPort] = Number(entry.ProxyPort),
            [UpdateZone] = Number(entry.UpdateZone),
            [FaultZone] = Number(entry.FaultZone),
            [StartTime] = new(FormatDate(entry.StartTime)),
            [IAmAliveTime] = new(FormatDate(entry.IAmAliveTime)),
            [ETag] = Number(etag),
        };
        AddText(map, HostName, entry.HostName);
        AddText(map, SiloName, entry.SiloName);
        AddText(map, RoleName, entry.RoleName);
        if (entry.SuspectTimes is { Count: > 0 } suspicions)
        {
            map[Suspicions] = new()
            {
                L = suspicions.Select(s => new AttributeValue
                {
                    M = new Dictionary<string, AttributeValue>
                    {
                        [Suspector] = new(s.Item1.ToParsableString()),
                        [SuspectedAt] = new(FormatDate(s.Item2)),
                    },
                }).ToList(),
            };
        }

        return new AttributeValue { M = map };
    }

    public static (MembershipEntry Entry, int ETag) Decode(AttributeValue value)
    {
        var map = value.M;
        var endpoint = new IPEndPoint(IPAddress.Parse(map[Address].S), Int(map[Port]));
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(endpoint, Int(map[Generation])),
            Status = (SiloStatus)Int(map[SiloStatus]),
            ProxyPort = Int(map[ProxyPort]),
            UpdateZone = Int(map[UpdateZone]),
            FaultZone = Int(map[FaultZone]),
            StartTime = ParseDate(map[StartTime].S),
            IAmAliveTime = ParseDate(map[IAmAliveTime].S),
            HostName = Text(map, HostName) ?? string.Empty,
            SiloName = Text(map, SiloName) ?? string.Empty,
            RoleName = Text(map, RoleName),
            SuspectTimes = map.TryGetValue(Suspicions, out var list) && list.L is not null
                ? list.L.Select(s => Tuple.Create(SiloAddress.FromParsableString(s.M[Suspector].S), ParseDate(s.M[SuspectedAt].S))).ToList()
                : [],
        };
        return (entry, Int(map[ETag]));
    }

    public static string FormatDate(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture);

    public static DateTime ParseDate(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static int Int(AttributeValue value) => int.Parse(value.N, CultureInfo.InvariantCulture);

    private static void AddText(Dictionary<string, AttributeValue> map, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            map[name] = new AttributeValue(value);
        }
    }

    private static string? Text(Dictionary<string, AttributeValue> map, string name) => map.TryGetValue(name, out var value) ? value.S : null;
}
