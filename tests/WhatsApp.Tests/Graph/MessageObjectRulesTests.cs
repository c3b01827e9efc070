using System.Text.Json;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

/// <summary>Meta's documented sends pass the message object rules; what Meta refuses is named by its JSON path.</summary>
public sealed class MessageObjectRulesTests
{
    public static TheoryData<string> Fixtures => [.. OutboundFixtures.Names];

    public static TheoryData<string, string, string> Refused => new()
    {
        { "interactive", """{"type":"button","body":{"text":"Pick"},"action":{"buttons":[""" + Buttons(4) + "]}}", "interactive.action.buttons" },
        { "interactive", """{"type":"button","body":{"text":"Pick"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"A title far over twenty"}}]}}""", "interactive.action.buttons[0].reply.title" },
        { "interactive", """{"type":"list","body":{"text":"Pick"},"action":{"button":"Open","sections":[{"title":"A","rows":[""" + Rows(6, "a") + """]},{"title":"B","rows":[""" + Rows(5, "b") + "]}]}}", "interactive.action.sections" },
        { "interactive", """{"type":"list","header":{"type":"image","image":{"link":"https://example.com/a.jpg"}},"body":{"text":"Pick"},"action":{"button":"Open","sections":[{"rows":[""" + Rows(1, "a") + "]}]}}", "interactive.header.type" },
        { "interactive", """{"type":"cta_url","body":{"text":"Tap"},"action":{"name":"cta_url","parameters":{"display_text":"See","url":"ftp://example.com"}}}""", "interactive.action.parameters.url" },
        { "interactive", """{"type":"carousel","body":{"text":"Tap"},"action":{}}""", "interactive.type" },
        { "template", """{"name":"offer","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"currency","currency":{"fallback_value":"$1","code":"USD","amount_1000":"1000"}}]}]}""", "template.components[0].parameters[0].currency.amount_1000" },
        { "template", """{"name":"offer","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Ana"},{"type":"text","text":"#1"}]}]}""", "template.components[0].parameters" },
        { "template", """{"name":"offer","language":{"code":"en_US"},"components":[{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"text","text":"x"}]}]}""", "template.components[0].parameters[0].type" },
        { "template", """{"name":"offer","language":"en_US"}""", "template.language" },
        { "image", """{"id":"1602934785103948","link":"https://example.com/a.jpg"}""", "image.link" },
        { "audio", """{"link":"https://example.com/a.ogg","caption":"hi"}""", "audio.caption" },
        { "reaction", """{"message_id":"wamid.x"}""", "reaction.emoji" },
        { "location", """{"latitude":91,"longitude":0}""", "location.latitude" },
        { "contacts", """[{"phones":[]}]""", "contacts[0].name" },
        { "text", """{"body":""}""", "text.body" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_send_Meta_documents_passes(string fixture)
    {
        var meta = OutboundFixtures.Meta(fixture);
        var type = (string)meta["type"]!;
        using var payload = JsonDocument.Parse(meta[type]!.ToJsonString());

        Assert.Null(MessageObjectRules.Check(type, payload.RootElement));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_shape_Meta_refuses_is_named_by_its_path(string type, string json, string field)
    {
        using var payload = JsonDocument.Parse(json);

        var problem = MessageObjectRules.Check(type, payload.RootElement);

        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public void A_message_object_is_sent_as_Meta_wrote_it()
    {
        using var list = JsonDocument.Parse("""{"type":"list","body":{"text":"Pick"},"action":{"button":"Open","sections":[{"rows":[{"id":"a","title":"A"}]}]}}""");

        var request = SendMessageRequest.ForMessageObject("+14155550123", "interactive", list.RootElement).WithCallbackData("out.1");
        var json = JsonSerializer.Serialize(request, GraphJsonContext.Default.SendMessageRequest);

        var expected = System.Text.Json.Nodes.JsonNode.Parse(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"+14155550123","type":"interactive","biz_opaque_callback_data":"out.1","interactive":{"type":"list","body":{"text":"Pick"},"action":{"button":"Open","sections":[{"rows":[{"id":"a","title":"A"}]}]}}}""");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, System.Text.Json.Nodes.JsonNode.Parse(json)), json);
    }

    private static string Buttons(int count) =>
        string.Join(",", Enumerable.Range(1, count).Select(i => "{\"type\":\"reply\",\"reply\":{\"id\":\"b" + i + "\",\"title\":\"Option " + i + "\"}}"));

    private static string Rows(int count, string prefix) =>
        string.Join(",", Enumerable.Range(1, count).Select(i => "{\"id\":\"" + prefix + i + "\",\"title\":\"Row " + i + "\"}"));
}
