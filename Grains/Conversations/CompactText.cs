using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace WaApp.Grains.Conversations;

/// <summary>
/// A message text held as UTF-8 bytes when they take less memory than the .NET string (two bytes a character): about
/// half for Latin-script text, so a conversation's recent messages cost less while it is active. Text that UTF-8 would
/// make larger (most CJK scripts) or that it cannot carry unchanged (a lone surrogate) stays a string. Reading it back
/// builds a string, which only API reads and the last message's preview do.
/// </summary>
internal static class CompactText
{
    // Object header and length of a string (22 bytes, rounded up with its characters) and of a byte array (24).
    private const int StringOverhead = 22;
    private const int ArrayOverhead = 24;

    /// <summary>What to keep for <paramref name="value"/>: its UTF-8 bytes, or the string itself.</summary>
    public static object? From(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        if (Aligned(ArrayOverhead + length) >= Aligned(StringOverhead + (2 * value.Length)))
        {
            return value;
        }

        var bytes = new byte[length];
        return Utf8.FromUtf16(value, bytes, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done && written == length
            ? bytes
            : value;
    }

    /// <summary>The text <see cref="From"/> kept.</summary>
    public static string? Read(object? kept) => kept as string ?? (kept is byte[] utf8 ? Encoding.UTF8.GetString(utf8) : null);

    private static int Aligned(int bytes) => (bytes + 7) & ~7;
}
