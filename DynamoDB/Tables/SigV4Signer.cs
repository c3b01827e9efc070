using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// AWS Signature Version 4 for the one request shape <see cref="DirectPutItem"/> sends: <c>POST /</c>, no query, a JSON
/// body, and the headers content-type, host, x-amz-date, x-amz-target (and x-amz-security-token with temporary
/// credentials). The SDK's generic signer copies and sorts every header and builds each string anew per request; the
/// shape here is fixed, so the canonical request is written straight into one buffer and the signing key is derived
/// once a day.
/// </summary>
internal sealed class SigV4Signer(string region, string service)
{
    public const string ContentType = "application/x-amz-json-1.0";

    private const string Algorithm = "AWS4-HMAC-SHA256";

    private SigningKey? _key;

    /// <summary>The value of the <c>X-Amz-Date</c> header for <paramref name="now"/>.</summary>
    public static string AmzDate(DateTime now) => now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>Authorization</c> header for a <c>POST /</c> to <paramref name="host"/> with this body.</summary>
    public string Authorization(ImmutableCredentials credentials, string amzDate, string host, string target, ReadOnlySpan<byte> body)
    {
        var hasToken = !string.IsNullOrEmpty(credentials.Token);
        var signedHeaders = hasToken
            ? "content-type;host;x-amz-date;x-amz-security-token;x-amz-target"
            : "content-type;host;x-amz-date;x-amz-target";

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);

        var canonical = new StringBuilder(256 + (hasToken ? credentials.Token.Length : 0))
            .Append("POST\n/\n\n")
            .Append("content-type:").Append(ContentType).Append('\n')
            .Append("host:").Append(host).Append('\n')
            .Append("x-amz-date:").Append(amzDate).Append('\n');
        if (hasToken)
        {
            canonical.Append("x-amz-security-token:").Append(credentials.Token).Append('\n');
        }

        canonical.Append("x-amz-target:").Append(target).Append("\n\n")
            .Append(signedHeaders).Append('\n');
        AppendHex(canonical, hash);

        var date = amzDate.AsSpan(0, 8);
        var scope = $"{date}/{region}/{service}/aws4_request";

        var stringToSign = new StringBuilder(160)
            .Append(Algorithm).Append('\n')
            .Append(amzDate).Append('\n')
            .Append(scope).Append('\n');
        Span<byte> canonicalHash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()), canonicalHash);
        AppendHex(stringToSign, canonicalHash);

        Span<byte> signature = stackalloc byte[32];
        HMACSHA256.HashData(KeyFor(credentials.SecretKey, date), Encoding.UTF8.GetBytes(stringToSign.ToString()), signature);

        var authorization = new StringBuilder(Algorithm.Length + 200)
            .Append(Algorithm).Append(" Credential=").Append(credentials.AccessKey).Append('/').Append(scope)
            .Append(", SignedHeaders=").Append(signedHeaders)
            .Append(", Signature=");
        AppendHex(authorization, signature);
        return authorization.ToString();
    }

    // kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"): it changes only with
    // the day and the secret, so the last one is kept.
    private byte[] KeyFor(string secret, ReadOnlySpan<char> date)
    {
        var key = Volatile.Read(ref _key);
        if (key is not null && key.Secret == secret && date.SequenceEqual(key.Date))
        {
            return key.Bytes;
        }

        var bytes = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date.ToString()));
        bytes = HMACSHA256.HashData(bytes, Encoding.UTF8.GetBytes(region));
        bytes = HMACSHA256.HashData(bytes, Encoding.UTF8.GetBytes(service));
        bytes = HMACSHA256.HashData(bytes, "aws4_request"u8);
        Volatile.Write(ref _key, new SigningKey(secret, date.ToString(), bytes));
        return bytes;
    }

    private static void AppendHex(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        Span<char> hex = stackalloc char[bytes.Length * 2];
        Convert.TryToHexStringLower(bytes, hex, out _);
        builder.Append(hex);
    }

    private sealed record SigningKey(string Secret, string Date, byte[] Bytes);
}
