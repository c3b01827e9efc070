using System.Buffers;
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

        // Folding never lengthens the text: one buffer of its length holds the result (on the stack for a message of
        // ordinary length), and the only allocation is the folded string itself.
        char[]? rented = null;
        var buffer = folded.Length <= 512 ? stackalloc char[folded.Length] : (rented = ArrayPool<char>.Shared.Rent(folded.Length));
        var length = 0;
        var pendingSpace = false;
        foreach (var character in folded)
        {
            if (char.IsLetterOrDigit(character))
            {
                if (pendingSpace && length > 0)
                {
                    buffer[length++] = ' ';
                }

                pendingSpace = false;
                buffer[length++] = char.ToUpperInvariant(character);
            }
            else
            {
                pendingSpace = true;
            }
        }

        var normalized = length == 0 ? string.Empty : new string(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return normalized;
    }

    /// <summary>Whether <paramref name="normalizedPhrase"/> occurs in <paramref name="normalizedText"/> as whole words.</summary>
    public static bool ContainsPhrase(string normalizedText, string normalizedPhrase) =>
        normalizedPhrase.Length > 0
        && $" {normalizedText} ".Contains($" {normalizedPhrase} ", StringComparison.Ordinal);
}
