using System.Net;

namespace WaApp.TestInfrastructure;

/// <summary>
/// No test may reach graph.facebook.com or any other non-loopback address. Silos started by the helpers get the
/// simulator or <see cref="Unroutable"/> as their Graph API base URL, and each silo process reports the URL it
/// actually uses at start-up (Silo's GraphApiEndpointLog), which <see cref="LocalCluster"/> checks.
/// </summary>
public static class GraphApiEndpoint
{
    /// <summary>A loopback port nothing listens on (discard): a send fails fast instead of leaving the machine.</summary>
    public const string Unroutable = "http://127.0.0.1:9/";

    public const string SettingName = "WhatsApp__GraphApiBaseUrl";

    /// <summary>What the silo prints before the URL (the message of Silo's GraphApiEndpointLog).</summary>
    private const string Announcement = "Sending WhatsApp messages through the Graph API at ";

    public static bool IsLoopback(Uri url) =>
        url.IsAbsoluteUri && (url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));

    public static bool IsLoopback(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var parsed) && IsLoopback(parsed);

    /// <summary>The Graph API base URL a silo process announced at start-up (polled, since output arrives asynchronously).</summary>
    public static async Task<Uri> ReportedByAsync(HostProcess silo, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var line = silo.Lines.LastOrDefault(l => l.Contains(Announcement, StringComparison.Ordinal));
            if (line is not null)
            {
                return new Uri(line[(line.IndexOf(Announcement, StringComparison.Ordinal) + Announcement.Length)..].Trim());
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{silo.Name} did not say which Graph API it sends to within {timeout}:{Environment.NewLine}{silo.RecentOutput}");
            }

            await Task.Delay(100);
        }
    }
}
