using System.Security.Cryptography;
using System.Text;

namespace WaApp.WebGateway.Tenants;

/// <summary>
/// Tenant API keys: <c>waapp_{keyId}_{secret}</c> with 32 random bytes of secret. The key id finds the stored hash
/// without a scan; only SHA-256 of the whole key is stored (a random 256-bit secret needs no slow hash).
/// </summary>
public static class TenantKeyFormat
{
    private const string Prefix = "waapp_";

    public static (string KeyId, string Key, byte[] Hash) Generate()
    {
        var keyId = $"key_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = $"{Prefix}{keyId}_{secret}";
        return (keyId, key, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The key id of a key in this format, or null for any other key (e.g. a settings key).</summary>
    public static string? KeyIdOf(string presented)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = presented.IndexOf('_', Prefix.Length + "key_".Length);
        return end > Prefix.Length ? presented[Prefix.Length..end] : null;
    }
}
