using System.Security.Cryptography;
using System.Text;
using WaApp.WhatsApp.Graph;

namespace WaApp.Grains.Outbound;

/// <summary>The words and the token fingerprint of a sender's number-wide pause.</summary>
public static class SendingPauses
{
    /// <summary>Why Meta's <paramref name="error"/> paused the number and what fixes it.</summary>
    public static string ReasonFor(GraphError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var fix = error.Code switch
        {
            0 or 190 => "The access token is invalid or expired: set a new WhatsApp__AccessToken (sending then resumes by itself) or resume once fixed.",
            131031 => "The business account is locked: resolve it in WhatsApp Manager, then resume.",
            131042 => "The business account has a payment problem: fix the payment method, then resume.",
            368 => "The number is temporarily blocked for policy violations: resume once the block is lifted.",
            _ => "Resume once the cause is fixed.",
        };
        return $"Meta refused a send with error {error.Code} ({error.Title}). {fix}";
    }

    /// <summary>A short, one-way fingerprint of <paramref name="token"/>: enough to see that it changed, useless to an attacker.</summary>
    public static string Fingerprint(string? token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)), 0, 8);
}
