using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Webhooks;

/// <summary>
/// Serializes webhook bodies the way Meta does: every non-ASCII character as a lowercase <c>\uXXXX</c> escape
/// (emoji as surrogate pairs) and <c>/</c> as <c>\/</c>. A gateway that re-serializes before checking the signature
/// fails on these bytes, as it would with Meta.
/// </summary>
public static class MetaJson
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(JsonNode node)
    {
        var relaxed = node.ToJsonString(Relaxed);
        var escaped = new StringBuilder(relaxed.Length + 32);
        for (var i = 0; i < relaxed.Length; i++)
        {
            var c = relaxed[i];
            if (c == '\\' && i + 1 < relaxed.Length)
            {
                // An escape the encoder already wrote (e.g. \uD83D for an emoji half): Meta's hex is lowercase.
                var next = relaxed[i + 1];
                escaped.Append(c).Append(next);
                i++;
                if (next == 'u' && i + 4 < relaxed.Length)
                {
                    escaped.Append(relaxed.AsSpan(i + 1, 4).ToString().ToLowerInvariant());
                    i += 4;
                }
            }
            else if (c > 0x7F)
            {
                escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (c == '/')
            {
                escaped.Append("\\/");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return Encoding.ASCII.GetBytes(escaped.ToString());
    }
}
