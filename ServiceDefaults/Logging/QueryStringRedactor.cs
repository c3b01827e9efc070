using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace WaApp.ServiceDefaults.Logging;

/// <summary>
/// A query string fit for logs: the values of parameters that carry secrets
/// (<c>access_token</c>, <c>hub.verify_token</c>, …) are replaced, everything else is kept for diagnosis.
/// </summary>
internal static class QueryStringRedactor
{
    public const string Redacted = "[redacted]";

    private static readonly FrozenSet<string> SecretParameters = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "access_token", "hub.verify_token", "api_key", "apikey", "key", "token", "password", "secret");

    /// <summary><c>?hub.mode=subscribe&amp;hub.verify_token=s3cret</c> → <c>?hub.mode=subscribe&amp;hub.verify_token=[redacted]</c>; empty stays empty.</summary>
    public static string Redact(QueryString query)
    {
        if (!query.HasValue || query.Value is "?")
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var (name, values) in QueryHelpers.ParseQuery(query.Value))
        {
            foreach (var value in values.Count == 0 ? [string.Empty] : values.ToArray())
            {
                text.Append(text.Length == 0 ? '?' : '&')
                    .Append(Uri.EscapeDataString(name))
                    .Append('=')
                    .Append(SecretParameters.Contains(name) ? Redacted : Uri.EscapeDataString(value ?? string.Empty));
            }
        }

        return text.ToString();
    }
}
