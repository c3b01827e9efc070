using System.Text;

namespace WaApp.Grains.Rules;

/// <summary>
/// Folds message text for keyword matching: Unicode-compatible forms (full-width letters, ligatures) become plain
/// ones, letters are upper-cased, and every run of spaces, punctuation, symbols or emoji becomes one space.
/// "  Stop!! " and "STOP" both fold to "STOP"; "opt-out" folds to "OPT OUT".
/// </summary>
public static class KeywordText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var character in folded)
        {
            if (char.IsLetterOrDigit(character))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToUpperInvariant(character));
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="normalizedPhrase"/> occurs in <paramref name="normalizedText"/> as whole words.</summary>
    public static bool ContainsPhrase(string normalizedText, string normalizedPhrase) =>
        normalizedPhrase.Length > 0
        && $" {normalizedText} ".Contains($" {normalizedPhrase} ", StringComparison.Ordinal);
}
