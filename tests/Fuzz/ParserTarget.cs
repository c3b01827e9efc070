using System.Security.Cryptography;
using System.Text;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.Fuzz;

/// <summary>
/// What one fuzz input must never do: make the parser or the signature check fail any other way than the documented
/// one. A thrown exception (or a broken invariant) is an AFL crash, kept with its input under the findings folder.
/// </summary>
internal static class ParserTarget
{
    private const string Secret = "fuzz-app-secret";
    private static readonly WebhookSignatureVerifier Verifier = new([Secret]);

    public static void Run(byte[] body)
    {
        CheckSignatures(body);
        try
        {
            var updates = WebhookParser.Parse(body).Updates;
            foreach (var update in updates)
            {
                // Everything routed must name where it goes; the gateway groups by these.
                if (update is null)
                {
                    throw new InvalidOperationException("The parser returned a null update.");
                }
            }
        }
        catch (WebhookFormatException)
        {
            // The documented refusal: the gateway answers 400.
        }
    }

    private static void CheckSignatures(byte[] body)
    {
        var valid = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        if (!Verifier.IsValid(body, valid))
        {
            throw new InvalidOperationException("A correct signature of the exact bytes was refused.");
        }

        // The input's own first bytes as a header: arbitrary text must be refused, never throw.
        var header = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 80));
        if (header != valid && Verifier.IsValid(body, header))
        {
            throw new InvalidOperationException("A header that is not the signature was accepted.");
        }

        if (body.Length > 0 && Verifier.IsValid(body.AsSpan(1), valid))
        {
            throw new InvalidOperationException("The signature of the whole body was accepted for a truncated body.");
        }
    }
}
