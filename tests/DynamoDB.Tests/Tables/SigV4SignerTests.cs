using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using WaApp.DynamoDB.Tables;

namespace WaApp.DynamoDB.Tests.Tables;

/// <summary>
/// The signer against the SDK's own signature arithmetic, for canonical requests written out here by hand from AWS's
/// Signature Version 4 documentation (method, path, empty query, sorted lower-case headers, signed header list, body hash).
/// </summary>
public sealed class SigV4SignerTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Host = "dynamodb.eu-west-1.amazonaws.com";
    private const string Target = "DynamoDB_20120810.PutItem";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"TableName":"Events","Item":{"StreamId":{"S":"conv/ü"}}}""");

    [Fact]
    public void Signs_a_put_item_as_the_documented_canonical_request_gives_it()
    {
        var signedAt = new DateTime(2026, 12, 7, 9, 30, 15, DateTimeKind.Utc);
        var canonical =
            "POST\n/\n\n" +
            "content-type:application/x-amz-json-1.0\n" +
            $"host:{Host}\n" +
            "x-amz-date:20261207T093015Z\n" +
            $"x-amz-target:{Target}\n" +
            "\n" +
            "content-type;host;x-amz-date;x-amz-target\n" +
            Hex(SHA256.HashData(Body));
        var expected = AWS4Signer.ComputeSignature(AccessKey, SecretKey, "eu-west-1", signedAt, "dynamodb", "content-type;host;x-amz-date;x-amz-target", canonical);

        var signer = new SigV4Signer("eu-west-1", "dynamodb");
        var authorization = signer.Authorization(new ImmutableCredentials(AccessKey, SecretKey, null), signer.AmzDate(signedAt), Host, Target, Body);

        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/20261207/eu-west-1/dynamodb/aws4_request, " +
            $"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={expected.Signature}",
            authorization);
    }

    [Fact]
    public void Temporary_credentials_sign_their_session_token_and_a_new_day_gets_a_new_key()
    {
        const string token = "FQoGZXIvYXdzEXAMPLETOKEN//+=";
        const string signedHeaders = "content-type;host;x-amz-date;x-amz-security-token;x-amz-target";
        var signer = new SigV4Signer("eu-west-1", "dynamodb");
        var credentials = new ImmutableCredentials(AccessKey, SecretKey, token);

        foreach (var signedAt in new[] { new DateTime(2026, 12, 7, 23, 59, 59, DateTimeKind.Utc), new DateTime(2026, 12, 8, 0, 0, 1, DateTimeKind.Utc) })
        {
            var amzDate = signer.AmzDate(signedAt);
            var canonical =
                "POST\n/\n\n" +
                "content-type:application/x-amz-json-1.0\n" +
                $"host:{Host}\n" +
                $"x-amz-date:{amzDate}\n" +
                $"x-amz-security-token:{token}\n" +
                $"x-amz-target:{Target}\n" +
                "\n" +
                signedHeaders + "\n" +
                Hex(SHA256.HashData(Body));
            var expected = AWS4Signer.ComputeSignature(AccessKey, SecretKey, "eu-west-1", signedAt, "dynamodb", signedHeaders, canonical);

            var authorization = signer.Authorization(credentials, amzDate, Host, Target, Body);

            Assert.EndsWith($"SignedHeaders={signedHeaders}, Signature={expected.Signature}", authorization);
            Assert.Contains($"/{amzDate[..8]}/eu-west-1/dynamodb/aws4_request", authorization);
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
