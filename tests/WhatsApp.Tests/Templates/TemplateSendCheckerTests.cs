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

    // Meta's media card carousel shape: a body with two variables and two cards, each an image header, a body with two
    // variables, a quick reply and a URL button with a variable.
    private const string Carousel = """
        [{"type":"BODY","text":"Summer produce is in! Use code {{1}} for {{2}} off.","example":{"body_text":[["15OFF","15%"]]}},
         {"type":"CAROUSEL","cards":[
           {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
             {"type":"BODY","text":"Rare lemons. Code {{1}} takes {{2}} off.","example":{"body_text":[["LEMON15","15%"]]}},
             {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"More like this"},{"type":"URL","text":"Buy now","url":"https://www.luckyshrub.com/shop?promo={{1}}","example":["lemons"]}]}]},
           {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
             {"type":"BODY","text":"Exotic fruit. Code {{1}} takes {{2}} off.","example":{"body_text":[["FRUIT20","20%"]]}},
             {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"More like this"},{"type":"URL","text":"Buy now","url":"https://www.luckyshrub.com/shop?promo={{1}}","example":["fruit"]}]}]}]}]
        """;

    // Meta's limited-time offer shape: image header, an offer that shows its expiry, body, copy-code and URL buttons.
    private const string Offer = """
        [{"type":"header","format":"image","example":{"header_handle":["4::aW1hZ2U="]}},
         {"type":"limited_time_offer","limited_time_offer":{"text":"Expiring offer!","has_expiration":true}},
         {"type":"body","text":"Good news, {{1}}! Use code {{2}} for 25% off every package.","example":{"body_text":[["Pablo","CARIBE25"]]}},
         {"type":"buttons","buttons":[{"type":"copy_code","example":"CARIBE25"},{"type":"url","text":"Book now!","url":"https://www.example.com/{{1}}","example":["https://www.example.com/n3mtql"]}]}]
        """;

    private static readonly TemplateFacts CarouselFacts = new("summer_carousel", "en_US", "APPROVED", "POSITIONAL", Carousel);

    private static readonly TemplateFacts OfferFacts = new("caribbean_offer", "en_US", "APPROVED", "POSITIONAL", Offer);

    private static string CarouselSend(string cards) => $$"""
        {"name":"summer_carousel","language":{"code":"en_US"},"components":[
          {"type":"body","parameters":[{"type":"text","text":"20OFF"},{"type":"text","text":"20%"}]},
          {"type":"carousel","cards":[{{cards}}]}]}
        """;

    private static string Card(int index, string header = """{"type":"image","image":{"id":"24230790383178626"}}""", string body = """{"type":"text","text":"10OFF"},{"type":"text","text":"10%"}""", string url = """[{"type":"text","text":"summer_2024"}]""") => $$"""
        {"card_index":{{index}},"components":[
          {"type":"header","parameters":[{{header}}]},
          {"type":"body","parameters":[{{body}}]},
          {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"more-{{index}}"}]},
          {"type":"button","sub_type":"url","index":"1","parameters":{{url}}}]}
        """;

    [Fact]
    public void A_carousel_with_a_card_for_every_card_is_sendable()
    {
        Assert.IsType<TemplateCheckResult.Sendable>(Check(CarouselSend(Card(0) + "," + Card(1)), CarouselFacts));
    }

    [Theory]
    [InlineData("one card", "template.components[carousel].cards")]
    [InlineData("three cards", "template.components[carousel].cards")]
    [InlineData("repeated index", "template.components[carousel].cards[1].card_index")]
    [InlineData("video header", "template.components[carousel].cards[1].components[header].parameters[0].type")]
    [InlineData("no header", "template.components[carousel].cards[0].components[header].parameters")]
    [InlineData("short body", "template.components[carousel].cards[1].components[body].parameters")]
    [InlineData("no url suffix", "template.components[carousel].cards[0].components[button 1].parameters")]
    [InlineData("no carousel", "template.components[carousel]")]
    public void A_carousel_that_does_not_fit_its_cards_names_the_path(string mistake, string field)
    {
        var send = mistake switch
        {
            "one card" => CarouselSend(Card(0)),
            "three cards" => CarouselSend(Card(0) + "," + Card(1) + "," + Card(2)),
            "repeated index" => CarouselSend(Card(0) + "," + Card(0)),
            "video header" => CarouselSend(Card(0) + "," + Card(1, header: """{"type":"video","video":{"id":"1"}}""")),
            "no header" => CarouselSend(Card(0, header: string.Empty) + "," + Card(1)),
            "short body" => CarouselSend(Card(0) + "," + Card(1, body: """{"type":"text","text":"10OFF"}""")),
            "no url suffix" => CarouselSend(Card(0, url: "[]") + "," + Card(1)),
            _ => """{"name":"summer_carousel","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"20OFF"},{"type":"text","text":"20%"}]}]}""",
        };

        var mismatch = Assert.IsType<TemplateCheckResult.Mismatch>(Check(send, CarouselFacts));
        Assert.Equal(field, mismatch.Field);
    }

    private const string OfferSend = """
        {"name":"caribbean_offer","language":{"code":"en_US"},"components":[
          {"type":"header","parameters":[{"type":"image","image":{"link":"https://www.example.com/caribbean.png"}}]},
          {"type":"body","parameters":[{"type":"text","text":"Pablo"},{"type":"text","text":"CARIBE25"}]},
          {"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1209600000}}]},
          {"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"CARIBE25"}]},
          {"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"n3mtql"}]}]}
        """;

    [Fact]
    public void A_limited_time_offer_with_its_expiry_and_code_is_sendable()
    {
        Assert.IsType<TemplateCheckResult.Sendable>(Check(OfferSend, OfferFacts));
    }

    [Fact]
    public void A_limited_time_offer_without_its_expiry_or_code_names_the_path()
    {
        var noExpiry = OfferSend.Replace(
            """{"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1209600000}}]},""", string.Empty, StringComparison.Ordinal);
        var noCode = OfferSend.Replace("""{"type":"coupon_code","coupon_code":"CARIBE25"}""", string.Empty, StringComparison.Ordinal);
        var withoutExpiryShown = OfferFacts with { ComponentsJson = Offer.Replace("\"has_expiration\":true", "\"has_expiration\":false", StringComparison.Ordinal) };

        Assert.Equal("template.components[limited_time_offer].parameters", Assert.IsType<TemplateCheckResult.Mismatch>(Check(noExpiry, OfferFacts)).Field);
        Assert.Equal("template.components[button 0].parameters", Assert.IsType<TemplateCheckResult.Mismatch>(Check(noCode, OfferFacts)).Field);
        Assert.IsType<TemplateCheckResult.Sendable>(Check(noExpiry, withoutExpiryShown));
        Assert.Equal("template.components[limited_time_offer]", Assert.IsType<TemplateCheckResult.Mismatch>(Check(ShippingSend.Replace("}]}]}", "}]},{\"type\":\"limited_time_offer\",\"parameters\":[{\"type\":\"limited_time_offer\",\"limited_time_offer\":{\"expiration_time_ms\":1209600000}}]}]}", StringComparison.Ordinal), Positional)).Field);
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
