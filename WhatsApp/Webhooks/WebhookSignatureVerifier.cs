using System.Security.Cryptography;
using System.Text;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// Checks Meta's <c>X-Hub-Signature-256</c> header: <c>sha256=</c> + lowercase hex HMAC-SHA256 of the exact raw
/// body, keyed by an app secret. Several secrets may be configured so a secret can be rotated without downtime.
/// </summary>
public sealed class WebhookSignatureVerifier
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";
    private const int HashLength = 32;

    private readonly byte[][] _keys;

    public WebhookSignatureVerifier(IEnumerable<string> appSecrets)
    {
        ArgumentNullException.ThrowIfNull(appSecrets);
        _keys = [.. appSecrets.Where(secret => !string.IsNullOrEmpty(secret)).Select(Encoding.UTF8.GetBytes)];
        if (_keys.Length == 0)
        {
            throw new ArgumentException("At least one app secret is required to verify webhook signatures.", nameof(appSecrets));
        }
    }

    /// <summary>True when <paramref name="signatureHeader"/> is a valid signature of <paramref name="body"/> under any configured secret.</summary>
    public bool IsValid(ReadOnlySpan<byte> body, string? signatureHeader)
    {
        Span<byte> expected = stackalloc byte[HashLength];
        if (!TryDecode(signatureHeader, expected))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HashLength];
        var valid = false;
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key, body, actual);
            // Check every key (no early exit) so timing does not reveal which secret matched.
            valid |= CryptographicOperations.FixedTimeEquals(actual, expected);
        }

        return valid;
    }

    // Meta sends lowercase hex; anything else (uppercase, missing prefix, wrong length) is not its signature.
    private static bool TryDecode(string? header, Span<byte> destination)
    {
        if (header is null || header.Length != Prefix.Length + (HashLength * 2) || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = header.AsSpan(Prefix.Length);
        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done && written == HashLength;
    }
}
