using System.Globalization;
using System.Security.Cryptography;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>Customers and messages of the identity tests: a fresh BSUID each time, a text message from any ids.</summary>
internal static class IdentityTestData
{
    public static InboundMessage Inbound(string? waId, string? userId, string text) =>
        new("wamid.in." + Guid.NewGuid().ToString("N"), waId, userId, DateTimeOffset.UtcNow, "text", text, "Ana", "{}");

    public static string NewBsuid() => "US." + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
}
