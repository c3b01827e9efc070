using System.Globalization;

namespace WaApp.ServiceDefaults.Logging;

/// <summary>
/// Masks personal data before it reaches logs: phone numbers (wa_id, display numbers) keep only enough digits to
/// tell two customers apart in an incident, and message bodies are replaced by their length.
/// </summary>
public static class PersonalData
{
    private const int VisibleLeadingDigits = 2;
    private const int VisibleTrailingDigits = 2;
    private const char MaskCharacter = '*';

    /// <summary>
    /// <c>14155550123</c> → <c>14*******23</c>; <c>+1 415-555-0123</c> → <c>+14*******23</c>. Numbers of 6 digits
    /// or fewer are masked entirely; null or empty stays as it is.
    /// </summary>
    public static string? MaskPhoneNumber(string? phoneNumber)
    {
        if (string.IsNullOrEmpty(phoneNumber))
        {
            return phoneNumber;
        }

        var digits = phoneNumber.Where(char.IsAsciiDigit).ToArray();
        var prefix = phoneNumber.TrimStart().StartsWith('+') ? "+" : string.Empty;
        if (digits.Length <= VisibleLeadingDigits + VisibleTrailingDigits + 2)
        {
            return prefix + new string(MaskCharacter, Math.Max(digits.Length, 1));
        }

        var hidden = digits.Length - VisibleLeadingDigits - VisibleTrailingDigits;
        return string.Concat(
            prefix,
            new string(digits, 0, VisibleLeadingDigits),
            new string(MaskCharacter, hidden),
            new string(digits, digits.Length - VisibleTrailingDigits, VisibleTrailingDigits));
    }

    /// <summary>A message body as it may appear in logs: its length only, e.g. <c>[text: 34 chars]</c>.</summary>
    public static string DescribeText(string? text) =>
        text is null ? "[no text]" : string.Create(CultureInfo.InvariantCulture, $"[text: {text.Length} chars]");
}
