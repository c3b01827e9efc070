using System.Globalization;
using System.Text;

namespace WaApp.EndToEnd;

/// <summary>Text webhooks (the text.json fixture's shape) for a fresh customer and wamid, so tests never share conversations.</summary>
internal static class UniqueWebhooks
{
    public const string PhoneNumberId = "117283940561728";

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
        var json = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15557340912","phone_number_id":"{{{PhoneNumberId}}}"},
            "contacts":[{"profile":{"name":"Test User"},"wa_id":"{{{contact}}}"}],
            "messages":[{"from":"{{{contact}}}","id":"{{{id}}}","timestamp":"1795419000","type":"text","text":{"body":"{{{text}}}"}}]},
            "field":"messages"}]}]}
            """;
        return (Encoding.UTF8.GetBytes(json), contact, id);
    }

    public static string MessagesPath(string contactId) => $"/api/v1/conversations/{PhoneNumberId}/{contactId}/messages";
}
