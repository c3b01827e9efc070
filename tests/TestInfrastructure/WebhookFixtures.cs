using System.Security.Cryptography;
using System.Text;

namespace WaApp.TestInfrastructure;

/// <summary>The signed webhook bodies of tests/Fixtures/webhooks, read as exact bytes.</summary>
public static class WebhookFixtures
{
    /// <summary>The fake app secret the fixture signatures were made with.</summary>
    public const string AppSecret = "test-app-secret-0f3c9a7e5b1d4e28";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "webhooks");

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order();

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    /// <summary>The X-Hub-Signature-256 header value Meta would send for these bytes.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret = AppSecret)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return "sha256=" + Convert.ToHexStringLower(hash);
    }
}
