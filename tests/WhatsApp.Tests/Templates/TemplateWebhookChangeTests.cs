using WaApp.WhatsApp.Templates;

namespace WaApp.WhatsApp.Tests.Templates;

/// <summary>The four template webhook fields read into typed changes; values written from Meta's webhook reference.</summary>
public sealed class TemplateWebhookChangeTests
{
    [Fact]
    public void A_status_update_carries_status_reason_and_category()
    {
        var change = TemplateWebhookChange.Read("message_template_status_update", """
            {"event":"REJECTED","message_template_id":1948372615098234,"message_template_name":"winter_sale","message_template_language":"es",
             "reason":"INVALID_FORMAT","message_template_category":"MARKETING"}
            """);

        var status = Assert.IsType<TemplateWebhookChange.StatusChanged>(change);
        Assert.Equal(("1948372615098234", "winter_sale", "es", "REJECTED", "INVALID_FORMAT", "MARKETING"), (status.TemplateId, status.Name, status.Language, status.Status, status.Reason, status.Category));
    }

    [Fact]
    public void Texts_that_are_not_valid_unicode_are_read_as_absent()
    {
        // A fuzz finding (seed 122643550): a lone surrogate escape in the category made reading the change throw, and
        // the signed webhook got a 503 Meta would retry forever.
        var change = TemplateWebhookChange.Read("message_template_status_update",
            """{"event":"APPROVED","message_template_id":"\ud800","message_template_name":"order_shipped_v2","message_template_language":"en_US","reason":"NONE","message_template_category":"\ud800"}""");

        var status = Assert.IsType<TemplateWebhookChange.StatusChanged>(change);
        Assert.Equal(("order_shipped_v2", "APPROVED", (string?)null, (string?)null), (status.Name, status.Status, status.Category, status.TemplateId));
        Assert.Null(TemplateWebhookChange.Read("message_template_status_update",
            """{"event":"APPROVED","message_template_name":"\udfff","message_template_language":"es"}"""));
    }

    [Fact]
    public void Texts_longer_than_the_catalog_can_hold_are_read_as_absent()
    {
        // A fuzz finding: a 300 KB category made the one-item catalog unstorable, and every later template webhook a 503.
        var huge = new string('a', TemplateWebhookChange.MaxFieldLength + 1);
        var change = TemplateWebhookChange.Read("message_template_status_update",
            $$"""{"event":"REJECTED","message_template_id":"{{huge}}","message_template_name":"winter_sale","message_template_language":"es","reason":"{{huge}}","message_template_category":"{{huge}}"}""");

        var status = Assert.IsType<TemplateWebhookChange.StatusChanged>(change);
        Assert.Equal(((string?)null, (string?)null, (string?)null), (status.TemplateId, status.Reason, status.Category));
        Assert.Null(TemplateWebhookChange.Read("message_template_status_update",
            $$"""{"event":"APPROVED","message_template_name":"{{huge}}","message_template_language":"es"}"""));
    }

    [Fact]
    public void A_pause_takes_its_title_as_the_reason()
    {
        var change = TemplateWebhookChange.Read("message_template_status_update", """
            {"event":"PAUSED","message_template_id":1,"message_template_name":"promo","message_template_language":"en_US","reason":"NONE",
             "other_info":{"title":"FIRST_PAUSE","description":"Your template has been paused for 3 hours."}}
            """);

        Assert.Equal("FIRST_PAUSE", Assert.IsType<TemplateWebhookChange.StatusChanged>(change).Reason);
    }

    [Fact]
    public void Quality_category_and_components_updates_are_typed()
    {
        Assert.Equal("RED", Assert.IsType<TemplateWebhookChange.QualityChanged>(TemplateWebhookChange.Read("message_template_quality_update", """
            {"previous_quality_score":"GREEN","new_quality_score":"RED","message_template_id":1,"message_template_name":"promo","message_template_language":"en_US"}
            """)).Quality);
        Assert.Equal("MARKETING", Assert.IsType<TemplateWebhookChange.CategoryChanged>(TemplateWebhookChange.Read("template_category_update", """
            {"message_template_id":1,"message_template_name":"promo","message_template_language":"en_US","previous_category":"UTILITY","new_category":"MARKETING"}
            """)).Category);
        Assert.IsType<TemplateWebhookChange.ComponentsChanged>(TemplateWebhookChange.Read("message_template_components_update", """
            {"message_template_id":1,"message_template_name":"promo","message_template_language":"en_US","message_template_element":"New body text"}
            """));
    }

    [Theory]
    [InlineData("account_update", """{"event":"VERIFIED_ACCOUNT"}""")]
    [InlineData("message_template_status_update", """{"event":"APPROVED"}""")]
    [InlineData("message_template_status_update", "not json")]
    [InlineData("message_template_status_update", "[1]")]
    public void Other_fields_and_broken_values_are_no_change(string field, string value) =>
        Assert.Null(TemplateWebhookChange.Read(field, value));
}
