using System.Buffers;

namespace WaApp.WhatsApp.Identities;

/// <summary>
/// Business-scoped user ids (BSUIDs) as Meta shapes them: a two-letter country code, a dot, then up to 128 letters and
/// digits (<c>US.13491208655302741918</c>); a parent BSUID has <c>ENT.</c> after the country code. Sends address a
/// BSUID with <c>recipient</c>, never <c>to</c>.
/// </summary>
public static class BusinessScopedUserId
{
    public const int MaxIdLength = 128;

    private static readonly SearchValues<char> AlphaNumeric =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool IsValid(string? value)
    {
        if (value is not { Length: > 3 } || !char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1]) || value[2] != '.')
        {
            return false;
        }

        var rest = value.AsSpan(3);
        if (rest.StartsWith("ENT."))
        {
            rest = rest[4..];
        }

        return rest.Length is > 0 and <= MaxIdLength && !rest.ContainsAnyExcept(AlphaNumeric);
    }
}
