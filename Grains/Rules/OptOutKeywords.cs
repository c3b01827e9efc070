using System.Collections.Frozen;

namespace WaApp.Grains.Rules;

/// <summary>
/// Recognises a customer's opt-out or opt-in request. The whole message must be the keyword (after
/// <see cref="KeywordText.Normalize"/>, optionally with "please"), so "please don't stop calling me" or
/// "cancel my order" never unsubscribe anyone.
/// </summary>
/// <remarks>
/// Opt-out: STOP, STOP ALL, STOPALL, UNSUBSCRIBE, UNSUB, OPT OUT, OPTOUT, STOP PROMOTIONS (a common quick-reply
/// payload, STOP_PROMOTIONS). Opt-in: START, UNSTOP, SUBSCRIBE, RESUBSCRIBE, RESUME, OPT IN, OPTIN. CANCEL, END
/// and QUIT (SMS carrier words) are deliberately left out: in a customer-service chat they usually mean an order.
/// </remarks>
public static class OptOutKeywords
{
    private const string Please = "PLEASE";

    private static readonly FrozenSet<string> OptOut = FrozenSet.Create(
        StringComparer.Ordinal, "STOP", "STOP ALL", "STOPALL", "UNSUBSCRIBE", "UNSUB", "OPT OUT", "OPTOUT", "STOP PROMOTIONS");

    private static readonly FrozenSet<string> OptIn = FrozenSet.Create(
        StringComparer.Ordinal, "START", "UNSTOP", "SUBSCRIBE", "RESUBSCRIBE", "RESUME", "OPT IN", "OPTIN");

    // The most letters and digits a keyword message can hold: "PLEASE STOP PROMOTIONS PLEASE".
    private const int MaxKeywordLettersAndDigits = 26;

    public static OptKeyword Classify(string? text)
    {
        if (IsLongAsciiText(text))
        {
            // Every inbound text is classified; most are sentences, which this rules out without normalizing a copy.
            return OptKeyword.None;
        }

        var normalized = StripPlease(KeywordText.Normalize(text));
        if (OptOut.Contains(normalized))
        {
            return OptKeyword.OptOut;
        }

        return OptIn.Contains(normalized) ? OptKeyword.OptIn : OptKeyword.None;
    }

    /// <summary>
    /// True for plain ASCII text with more letters and digits than any keyword message. Normalization leaves ASCII
    /// unchanged and only drops the other characters, so such a text cannot normalize to a keyword; other scripts
    /// (where folding can merge or split letters) always take the full path.
    /// </summary>
    private static bool IsLongAsciiText(string? text)
    {
        if (text is null || text.Length <= MaxKeywordLettersAndDigits)
        {
            return false;
        }

        var lettersAndDigits = 0;
        foreach (var character in text)
        {
            if (!char.IsAscii(character))
            {
                return false;
            }

            if (char.IsAsciiLetterOrDigit(character))
            {
                lettersAndDigits++;
            }
        }

        return lettersAndDigits > MaxKeywordLettersAndDigits;
    }

    private static string StripPlease(string text)
    {
        if (text.StartsWith(Please + " ", StringComparison.Ordinal))
        {
            text = text[(Please.Length + 1)..];
        }

        if (text.EndsWith(" " + Please, StringComparison.Ordinal))
        {
            text = text[..^(Please.Length + 1)];
        }

        return text;
    }
}

public enum OptKeyword
{
    None = 0,
    OptOut = 1,
    OptIn = 2,
}
