using System.Buffers.Text;
using System.Globalization;
using System.Text;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.WebGateway.Api;

/// <summary>Opaque cursors for the conversation list: base64url of the last item's activity time and contact id.</summary>
internal static class ListCursor
{
    private const char Separator = ':';

    public static string Encode(ConversationCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{cursor.LastActivityAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}{Separator}{cursor.ContactId}"));

    public static bool TryDecode(string text, out ConversationCursor? cursor)
    {
        cursor = null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var separator = decoded.IndexOf(Separator, StringComparison.Ordinal);
            if (separator <= 0 || separator == decoded.Length - 1
                || !long.TryParse(decoded.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            cursor = new ConversationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), decoded[(separator + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
