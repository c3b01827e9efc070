using System.Globalization;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>Text webhooks (the text.json fixture's shape) for a fresh customer and wamid, so tests never share conversations.</summary>
internal static class UniqueWebhooks
{
    public const string PhoneNumberId = "117283940561728";

    public const string DisplayPhoneNumber = "15557340912";

    // The text.json fixture's send time.
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1795419000);

    private static int s_next;

    public static (byte[] Body, string ContactId, string MessageId) Text(string text)
    {
        var n = Interlocked.Increment(ref s_next);
        return Text(text, string.Create(CultureInfo.InvariantCulture, $"1888{Random.Shared.Next(1_000_000, 9_999_999)}{n % 10}"));
    }

    /// <summary>A new message from <paramref name="contact"/>, so several messages can share one conversation.</summary>
    public static (byte[] Body, string ContactId, string MessageId) Text(string text, string contact)
    {
        var id = $"wamid.e2e.{Guid.NewGuid():N}";
        var body = WebhookBodies.Texts(PhoneNumberId, [new(contact, id, text, SentAt, "Test User")], DisplayPhoneNumber);
        return (body, contact, id);
    }

    public static string MessagesPath(string contactId) => $"/api/v1/conversations/{PhoneNumberId}/{contactId}/messages";
}
