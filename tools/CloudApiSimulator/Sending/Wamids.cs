using System.Security.Cryptography;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary>Message ids shaped like Meta's: <c>wamid.</c> + base64 of an opaque frame.</summary>
public static class Wamids
{
    public static string New()
    {
        Span<byte> frame = stackalloc byte[33];
        RandomNumberGenerator.Fill(frame);
        // Meta's frames start with a small header; keep the familiar "HBg" look.
        frame[0] = 0x1C;
        frame[1] = 0x18;
        return "wamid." + Convert.ToBase64String(frame);
    }
}
