using System.Text.Json;
using WaApp.WhatsApp.Templates;

namespace WaApp.WhatsApp.Tests.Templates;

/// <summary>
/// The pre-send check against synced definitions. Definitions are written like Meta's "create templates" examples and
/// sends like Meta's "send template messages" examples.
/// </summary>
public sealed class TemplateSendCheckerTests
{
    private const string OrderConfirmation = """
        [{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
         {"type":"BODY","text":"Thank you, {{first_name}}! Your order {{order_number}} is confirmed.",
          "example":{"body_text_named_params":[{"param_name":"first_name","example":"Pablo"},{"param_name":"order_number","example":"860198-230332"}]}},
         {"type":"FOOTER","text":"Lucky Shrub"},
         {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Stop promotions"},{"type":"URL","text":"Track","url":"https://www.luckyshrub.com/track/{{1}}","example":["860198"]},{"type":"COPY_CODE","example":"250FF"}]}]
        """;

    private const string Shipping = """[{"type":"BODY","text":"Your package {{1}} ships on {{2}}.","example":{"body_text":[["#1234","Friday"]]}}]""";

    private static readonly TemplateFacts Named = new("order_confirmation", "en_US", "APPROVED", "NAMED", OrderConfirmation);

    private static readonly TemplateFacts Positional = new("shipping_update", "en_US", "APPROVED", "POSITIONAL", Shipping);

    [Fact]
    public void A_send_that_fills_every_part_is_sendable()
    {
        var result = Check("""
            {"name":"order_confirmation","language":{"code":"en_US"},"components":[
              {"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/shrub.png"}}]},
              {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Pablo"},{"type":"text","parameter_name":"order_number","text":"860198-230332"}]},
              {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"STOP"}]},
              {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"860198"}]},
              {"type":"button","sub_type":"copy_code","index":2,"parameters":[{"type":"coupon_code","coupon_code":"250FF"}]}]}
            """, Named);

        Assert.IsType<TemplateCheckResult.Sendable>(result);
    }

    [Fact]
    public void A_missing_named_parameter_is_named()
    {
        var result = Check("""
            {"name":"order_confirmation","language":{"code":"en_US"},"components":[
              {"type":"header","parameters":[{"type":"image","image":{"id":"1602934785103948"}}]},
              {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Pablo"}]},
              {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"860198"}]},
              {"type":"button","sub_type":"copy_code","index":"2","parameters":[{"type":"coupon_code","coupon_code":"250FF"}]}]}
            """, Named);

        var mismatch = Assert.IsType<TemplateCheckResult.Mismatch>(result);
        Assert.Equal("template.components[body].parameters[order_number]", mismatch.Field);
        Assert.Contains("order_number", mismatch.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"type":"body","parameters":[{"type":"text","text":"#1234"}]}]""", "template.components[body].parameters")]
    [InlineData("""[{"type":"body","parameters":[{"type":"text","text":"#1234"},{"type":"image","image":{"id":"1"}}]}]""", "template.components[body].parameters[1].type")]
    [InlineData("""[{"type":"body","parameters":[{"type":"text","text":"#1234"},{"type":"text","text":"Fri\nday"}]}]""", "template.components[body].parameters[1].text")]
    [InlineData("""[{"type":"body","parameters":[{"type":"text","text":"#1234"},{"type":"currency","currency":{"fallback_value":"$10"}}]}]""", "template.components[body].parameters[1].currency")]
    [InlineData("""[{"type":"header","parameters":[{"type":"text","text":"x"}]},{"type":"body","parameters":[{"type":"text","text":"#1234"},{"type":"text","text":"Friday"}]}]""", "template.components[header].parameters")]
    [InlineData("""[{"type":"button","sub_type":"quick_reply","index":"0","parameters":[]},{"type":"body","parameters":[{"type":"text","text":"#1234"},{"type":"text","text":"Friday"}]}]""", "template.components[button].index")]
    public void Positional_parameters_are_counted_and_typed(string components, string field)
    {
        var result = Check($$"""{"name":"shipping_update","language":{"code":"en_US"},"components":{{components}}}""", Positional);

        Assert.Equal(field, Assert.IsType<TemplateCheckResult.Mismatch>(result).Field);
    }

    [Fact]
    public void Currency_and_date_time_fill_text_variables()
    {
        var result = Check("""
            {"name":"shipping_update","language":{"code":"en_US"},"components":[{"type":"body","parameters":[
              {"type":"currency","currency":{"fallback_value":"$100.99","code":"USD","amount_1000":100990}},
              {"type":"date_time","date_time":{"fallback_value":"February 25, 1977"}}]}]}
            """, Positional);

        Assert.IsType<TemplateCheckResult.Sendable>(result);
    }

    [Theory]
    [InlineData("""{"type":"header","parameters":[{"type":"video","video":{"id":"1"}}]}""", "template.components[header].parameters[0].type")]
    [InlineData("""{"type":"header","parameters":[{"type":"image","image":{}}]}""", "template.components[header].parameters[0].image")]
    public void The_header_must_be_the_templates_media_type(string header, string field)
    {
        var result = Check($$"""
            {"name":"order_confirmation","language":{"code":"en_US"},"components":[{{header}},
              {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Pablo"},{"type":"text","parameter_name":"order_number","text":"1"}]},
              {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"860198"}]},
              {"type":"button","sub_type":"copy_code","index":"2","parameters":[{"type":"coupon_code","coupon_code":"250FF"}]}]}
            """, Named);

        Assert.Equal(field, Assert.IsType<TemplateCheckResult.Mismatch>(result).Field);
    }

    [Fact]
    public void A_url_button_with_a_variable_needs_its_suffix()
    {
        var result = Check("""
            {"name":"order_confirmation","language":{"code":"en_US"},"components":[
              {"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},
              {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Pablo"},{"type":"text","parameter_name":"order_number","text":"1"}]},
              {"type":"button","sub_type":"copy_code","index":"2","parameters":[{"type":"coupon_code","coupon_code":"250FF"}]}]}
            """, Named);

        Assert.Equal("template.components[button 1].parameters", Assert.IsType<TemplateCheckResult.Mismatch>(result).Field);
    }

    [Theory]
    [InlineData("PAUSED", "paused")]
    [InlineData("DISABLED", "disabled")]
    [InlineData("REJECTED", "INVALID_FORMAT")]
    [InlineData("PENDING", "review")]
    public void Paused_disabled_rejected_and_pending_templates_are_refused_with_the_reason(string status, string expected)
    {
        var result = Check(ShippingSend, Positional with { Status = status, Reason = status == "REJECTED" ? "INVALID_FORMAT" : null });

        var refused = Assert.IsType<TemplateCheckResult.NotSendable>(result);
        Assert.Equal(status, refused.Status);
        Assert.Contains(expected, refused.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_name_or_language_is_named()
    {
        Assert.Equal("template.name", Assert.IsType<TemplateCheckResult.Mismatch>(TemplateSendChecker.Check(Parse(ShippingSend), [])).Field);

        var spanishOnly = Check(ShippingSend, Positional with { Language = "es" });
        var mismatch = Assert.IsType<TemplateCheckResult.Mismatch>(spanishOnly);
        Assert.Equal("template.language.code", mismatch.Field);
        Assert.Contains("es", mismatch.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_known_only_from_a_webhook_is_checked_by_status_alone()
    {
        Assert.IsType<TemplateCheckResult.Sendable>(Check(ShippingSend, Positional with { ComponentsJson = null }));
    }

    private const string ShippingSend = """
        {"name":"shipping_update","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"#1234"},{"type":"text","text":"Friday"}]}]}
        """;

    private static TemplateCheckResult Check(string send, TemplateFacts facts) => TemplateSendChecker.Check(Parse(send), [facts]);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
