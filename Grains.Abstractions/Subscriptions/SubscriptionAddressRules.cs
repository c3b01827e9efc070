using System.Net;
using System.Net.Sockets;

namespace WaApp.Grains.Abstractions.Subscriptions;

/// <summary>
/// Which addresses a subscription may reach, applied to the URL when it is registered and to every address its host
/// resolves to when it is delivered to (so a name that later resolves elsewhere cannot reach a forbidden address).
/// Link-local and cloud metadata addresses are never allowed; loopback and private ranges only when an operator
/// allows them (<c>Subscriptions__AllowedPrivateNetworks__n</c>, CIDR) or, for loopback, in Development.
/// </summary>
public sealed class SubscriptionAddressRules
{
    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("100.100.100.200/32"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("fd00:ec2::254/128"),
    ];

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fec0::/10"),
    ];

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly bool _allowLoopback;

    public SubscriptionAddressRules(bool allowLoopback, IReadOnlyList<IPNetwork> allowedPrivateNetworks)
    {
        _allowLoopback = allowLoopback;
        _allowed = allowedPrivateNetworks;
    }

    public const int MaxUrlLength = 2048;

    /// <summary>Parses the allow-list setting; false (with the bad entry) when an entry is no CIDR network.</summary>
    public static bool TryParseNetworks(IEnumerable<string> values, out List<IPNetwork> networks, out string? bad)
    {
        networks = [];
        bad = null;
        foreach (var value in values)
        {
            if (!IPNetwork.TryParse(value, out var network))
            {
                bad = value;
                return false;
            }

            networks.Add(network);
        }

        return true;
    }

    /// <summary>Null when <paramref name="address"/> may be delivered to, else why not.</summary>
    public string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return "not an IP address";
        }

        if (Array.Exists(Forbidden, network => network.Contains(address)) || address.Equals(IPAddress.Broadcast))
        {
            return "a link-local, metadata, multicast or unspecified address";
        }

        if (Array.Exists(Loopback, network => network.Contains(address)))
        {
            return _allowLoopback || IsAllowed(address) ? null : "a loopback address (allowed in Development or by Subscriptions:AllowedPrivateNetworks)";
        }

        if (Array.Exists(Private, network => network.Contains(address)))
        {
            return IsAllowed(address) ? null : "a private address (allowed only by Subscriptions:AllowedPrivateNetworks)";
        }

        return null;
    }

    /// <summary>
    /// Null when <paramref name="url"/> is an acceptable receiver URL (http or https, absolute, no credentials, and, when
    /// its host is an address or <c>localhost</c>, an allowed one); else why not. Host names are checked again at
    /// delivery, against every address they resolve to.
    /// </summary>
    public string? UrlRefusal(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"an absolute http or https URL of at most {MaxUrlLength} characters is required";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return "only http and https URLs are delivered to";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "a URL must not carry credentials (user:password@); authenticate deliveries by their signature";
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal))
        {
            return Refusal(literal) is { } why ? $"the URL's host is {why}" : null;
        }

        if (uri.IsLoopback)
        {
            return Refusal(IPAddress.Loopback) is { } why ? $"the URL's host is {why}" : null;
        }

        return uri.HostNameType == UriHostNameType.Dns ? null : "the URL's host is not a DNS name or an IP address";
    }

    private bool IsAllowed(IPAddress address) => _allowed.Any(network => network.Contains(address));
}
