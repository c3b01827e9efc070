using System.Text;
using CsCheck;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WhatsApp.Tests.Webhooks;

/// <summary>Whatever an authentic sender posts, the parser either understands it or raises its one format error.</summary>
public sealed class WebhookParserPropertyTests
{
    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.Const("null"), Gen.Const("true"), Gen.Const("0"), Gen.Const("-1.5e3"), Gen.Const("\"\""), Gen.Const("\"1795419000\""),
        Gen.Const("\"wamid.X\""), Gen.Const("\"text\""), Gen.Const("\"whatsapp_business_account\""), Gen.Const("\"\\u00e9\""));

    private static readonly string[] Keys =
    [
        "object", "entry", "id", "time", "changes", "field", "value", "metadata", "phone_number_id", "contacts", "wa_id",
        "user_id", "profile", "name", "messages", "from", "from_user_id", "timestamp", "type", "text", "body", "statuses",
        "status", "recipient_id", "errors", "code", "user_preferences", "reaction", "emoji", "interactive", "nfm_reply",
        "response_json", "system", "event", "message_template_id",
    ];

    private static readonly Gen<string> Json = Gen.Recursive<string>((depth, json) => depth >= 6
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (2, json.Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")),
            (4, Gen.Select(Gen.Int[0, Keys.Length - 1].Select(i => Keys[i]), json).Array[0, 5].Select(members =>
                "{" + string.Join(',', members.Select(member => $"\"{member.Item1}\":{member.Item2}")) + "}"))));

    private static readonly Gen<string> Envelope = Json.Select(entry => $$"""{"object":"whatsapp_business_account","entry":[{{entry}}]}""");

    [Fact]
    public void Random_json_is_parsed_or_rejected_with_a_format_error_never_anything_else() =>
        Gen.OneOf(Json, Envelope).Sample(json => ParsesOrRejectsCleanly(Encoding.UTF8.GetBytes(json)), iter: 2000);

    [Fact]
    public void Random_bytes_are_parsed_or_rejected_with_a_format_error_never_anything_else() =>
        Gen.Byte.Array[0, 200].Sample(ParsesOrRejectsCleanly, iter: 2000);

    private static void ParsesOrRejectsCleanly(byte[] body)
    {
        try
        {
            var updates = WebhookParser.Parse(body).Updates;
            Assert.All(updates, update => Assert.NotNull(update.RawJson));
        }
        catch (WebhookFormatException)
        {
            // The gateway answers 400 for these.
        }
    }
}
