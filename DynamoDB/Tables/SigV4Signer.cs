using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// AWS Signature Version 4 for the one request shape <see cref="DirectPutItem"/> sends: <c>POST /</c>, no query, a JSON
/// body, and the headers content-type, host, x-amz-date, x-amz-target (and x-amz-security-token with temporary
/// credentials). The SDK's generic signer copies and sorts every header and builds each string anew per request; the
/// shape here is fixed, so the canonical request and the string to sign are written as bytes into one buffer, and the
/// signing key is derived once a day. The Authorization header is the one string it allocates.
/// </summary>
internal sealed class SigV4Signer(string region, string service)
{
    public const string ContentType = "application/x-amz-json-1.0";

    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string SignedHeaders = "content-type;host;x-amz-date;x-amz-target";
    private const string SignedHeadersWithToken = "content-type;host;x-amz-date;x-amz-security-token;x-amz-target";

    private readonly string _scopeTail = $"/{region}/{service}/aws4_request";
    private SigningKey? _key;
    private AmzDateStamp? _date;

    /// <summary>The value of the <c>X-Amz-Date</c> header for <paramref name="now"/>; the same string all second long.</summary>
    public string AmzDate(DateTime now)
    {
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        var date = Volatile.Read(ref _date);
        if (date is null || date.Second != second)
        {
            date = new AmzDateStamp(second, now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            Volatile.Write(ref _date, date);
        }

        return date.Value;
    }

    /// <summary>The <c>Authorization</c> header for a <c>POST /</c> to <paramref name="host"/> with this body.</summary>
    public string Authorization(ImmutableCredentials credentials, string amzDate, string host, string target, ReadOnlySpan<byte> body)
    {
        var token = credentials.Token;
        var hasToken = !string.IsNullOrEmpty(token);
        var signedHeaders = hasToken ? SignedHeadersWithToken : SignedHeaders;
        var date = amzDate.AsSpan(0, 8);

        var length = 512 + host.Length + target.Length + (hasToken ? token!.Length : 0);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            // The canonical request: method, path, query, headers (sorted, lower-case), signed headers, body hash.
            var buffer = rented.AsSpan();
            var n = Put(buffer, 0, "POST\n/\n\ncontent-type:");
            n = Put(buffer, n, ContentType);
            n = Put(buffer, n, "\nhost:");
            n = Put(buffer, n, host);
            n = Put(buffer, n, "\nx-amz-date:");
            n = Put(buffer, n, amzDate);
            if (hasToken)
            {
                n = Put(buffer, n, "\nx-amz-security-token:");
                n = Put(buffer, n, token);
            }

            n = Put(buffer, n, "\nx-amz-target:");
            n = Put(buffer, n, target);
            n = Put(buffer, n, "\n\n");
            n = Put(buffer, n, signedHeaders);
            n = Put(buffer, n, "\n");
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(body, hash);
            n = PutHex(buffer, n, hash);
            SHA256.HashData(buffer[..n], hash);

            // The string to sign: algorithm, time, scope, hash of the canonical request.
            n = Put(buffer, 0, Algorithm + "\n");
            n = Put(buffer, n, amzDate);
            n = Put(buffer, n, "\n");
            n = Put(buffer, n, date);
            n = Put(buffer, n, _scopeTail);
            n = Put(buffer, n, "\n");
            n = PutHex(buffer, n, hash);
            Span<byte> signature = stackalloc byte[32];
            HMACSHA256.HashData(KeyFor(credentials.SecretKey, date), buffer[..n], signature);

            Span<char> hex = stackalloc char[64];
            Convert.TryToHexStringLower(signature, hex, out _);
            return string.Concat(
                $"{Algorithm} Credential={credentials.AccessKey}/{date}{_scopeTail}, SignedHeaders={signedHeaders}, Signature=",
                hex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
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

    private sealed record SigningKey(string Secret, string Date, byte[] Bytes);

    private sealed record AmzDateStamp(long Second, string Value);

    // Every part of a signed request here is ASCII; a header value that is not would be sent and signed as UTF-8 alike.
    private static int Put(Span<byte> buffer, int at, ReadOnlySpan<char> text) => at + Encoding.UTF8.GetBytes(text, buffer[at..]);

    private static int PutHex(Span<byte> buffer, int at, ReadOnlySpan<byte> bytes)
    {
        Convert.TryToHexStringLower(bytes, buffer[at..], out var written);
        return at + written;
    }
}
