using System.Text;
using WaApp.WebGateway.Webhooks;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>
/// A user's identity change reaches two places: the contact (through the flattened update) and the conversation's
/// stored system notice (through the content mapper). Both must name the same new id, also when Meta sends one of
/// the fields as an empty string.
/// </summary>
public sealed class IdentityChangeAgreementTests
{
    [Theory]
    [InlineData("""{"body":"changed","wa_id":"","new_wa_id":"1666","type":"user_changed_number"}""", "1666", null)]
    [InlineData("""{"body":"changed","new_user_id":"","user_id":"US.2","type":"user_changed_user_id"}""", null, "US.2")]
    [InlineData("""{"body":"changed","wa_id":"1777","new_wa_id":"1666","type":"user_changed_number"}""", "1777", null)]
    public void The_contact_and_the_stored_notice_name_the_same_new_id(string system, string? newWaId, string? newUserId)
    {
        var message = $$"""{"from":"1555","id":"wamid.I","timestamp":"1795419000","type":"system","system":{{system}}}""";
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15557340912","phone_number_id":"117283940561728"},"messages":[{{{message}}}]}}]}]}
            """;

        var updates = WebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Updates;
        var change = Assert.Single(updates.OfType<ContactIdentityChangeUpdate>());
        var notice = WebhookContentMapper.ToContent(Assert.Single(updates.OfType<MessageUpdate>()).Message).System;

        Assert.Equal((newWaId, newUserId), (change.NewWaId, change.NewUserId));
        Assert.NotNull(notice);
        Assert.Equal((newWaId, newUserId), (notice.NewWaId, notice.NewUserId));
    }
}
