using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WaApp.Grains.Tenants;

/// <summary>
/// Seals Meta access tokens with AES-256-GCM before they are stored: a random 12-byte nonce, the ciphertext and the
/// 16-byte tag in one value, with the phone number id as associated data so a sealed token cannot be moved to another
/// number in the stored item. The key comes from <see cref="TenantOptions.TokenEncryptionKey"/>.
/// </summary>
public sealed class AccessTokenProtector(IOptions<TenantOptions> options)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Development only (TenantOptionsValidator refuses a missing key elsewhere); public, so it protects nothing real.
    private static readonly byte[] DevelopmentKey = SHA256.HashData(Encoding.UTF8.GetBytes("waapp-development-token-key"));

    private readonly byte[] _key = TryDecodeKey(options.Value.TokenEncryptionKey, out var key) ? key : DevelopmentKey;

    public static bool TryDecodeKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrEmpty(base64))
        {
            return false;
        }

        try
        {
            // 64 hex digits (what the CloudFormation stack generates) or base64 of 32 bytes.
            key = base64.Length == 64 && base64.All(char.IsAsciiHexDigit) ? Convert.FromHexString(base64) : Convert.FromBase64String(base64);
            return key.Length == 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public byte[] Seal(string phoneNumberId, string token)
    {
        var plain = Encoding.UTF8.GetBytes(token);
        var sealedValue = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize, plain.Length), sealedValue.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(phoneNumberId));
        return sealedValue;
    }

    /// <summary>The token, or null when the value was sealed with another key or altered.</summary>
    public string? Open(string phoneNumberId, byte[] sealedValue)
    {
        if (sealedValue.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plainLength = sealedValue.Length - NonceSize - TagSize;
        var plain = new byte[plainLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, plainLength), sealedValue.AsSpan(NonceSize + plainLength), plain, Encoding.UTF8.GetBytes(phoneNumberId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
