namespace WaApp.CloudApiSimulator.Identities;

/// <summary>
/// Business-scoped user ids as Meta shapes them: a two-letter country code, a dot, then up to 128 letters and digits
/// (<c>US.13491208655302741918</c>); a parent BSUID has <c>ENT.</c> after the country code.
/// </summary>
public static class Bsuids
{
    public const int MaxIdLength = 128;

    public static bool IsBsuid(string? value)
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

    private static readonly System.Buffers.SearchValues<char> AlphaNumeric =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}
