using System.Globalization;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>Customer text webhooks (built by <see cref="WebhookBodies"/>) and fresh ids, for tests that need many conversations.</summary>
internal static class TextWebhooks
{
    public sealed record Text(string WaId, string MessageId, string Body, DateTimeOffset SentAt);

    public static byte[] Build(string phoneNumberId, IEnumerable<Text> messages) =>
        WebhookBodies.Texts(phoneNumberId, messages.Select(message => new WebhookBodies.Text(message.WaId, message.MessageId, message.Body, message.SentAt)));

    public static string NewPhoneNumberId() => "4" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);

    public static string NewWaId() => "1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
}
