using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks.Serialization;

/// <summary>
/// Reads Unix seconds that Meta sends as strings in messages and statuses but as integers in
/// <c>entry.time</c> and <c>user_preferences</c>; writes them back as integers.
/// </summary>
public sealed class UnixTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number when reader.TryGetInt64(out var seconds) => FromSeconds(seconds),
            JsonTokenType.String when Utf8Parser.TryParse(reader.ValueSpan, out long seconds, out var consumed)
                && consumed == reader.ValueSpan.Length && !reader.ValueIsEscaped => FromSeconds(seconds),
            _ => throw new JsonException("A timestamp must be Unix seconds, as a number or a string of digits."),
        };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WriteNumberValue(time.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>
    /// Parses a JSON timestamp element leniently: null when it is absent, not Unix seconds, or out of range. This is
    /// the fallback path for items that failed strict reading, so it must never throw (AFL found a negative
    /// <c>entry.time</c> that turned a whole signed batch into a 500).
    /// </summary>
    public static DateTimeOffset? TryRead(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var seconds) && IsInRange(seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds),
        JsonValueKind.String when long.TryParse(element.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && IsInRange(seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds),
        _ => null,
    };

    private static DateTimeOffset? FromSeconds(long seconds) =>
        IsInRange(seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : throw new JsonException("A timestamp is out of range.");

    // DateTimeOffset covers 0001..9999; Meta's timestamps are after 1970.
    private static bool IsInRange(long seconds) => seconds is >= 0 and <= 253_402_300_799;
}
