using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>
/// Users behind usernames: the simulator injects BSUID-only and BSUID + wa_id users, number and BSUID changes, and
/// addresses users the way Meta's 2026 docs describe (<c>recipient</c> for a BSUID, never <c>to</c>).
/// </summary>
public sealed class IdentityTests
{
    private const string Bsuid = "US.13491208655302741918";
    private const string NewBsuid = "US.20417736192844510032";

    [Fact]
    public async Task A_username_user_writes_with_a_BSUID_and_no_phone_number()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        await InjectAsync(harness, new { phoneNumberId = SimulatorHarness.PhoneNumberId, userId = Bsuid, username = "ana.ruiz", name = "Ana", text = "Hi" });

        var value = Assert.Single(harness.Receiver.Received).Value;
        var contact = value["contacts"]![0]!;
        var message = value["messages"]![0]!;
        Assert.Equal(Bsuid, (string?)contact["user_id"]);
        Assert.Equal("ana.ruiz", (string?)contact["profile"]!["username"]);
        Assert.Null(contact["wa_id"]);
        Assert.Equal(Bsuid, (string?)message["from_user_id"]);
        Assert.Null(message["from"]);
    }

    [Fact]
    public async Task A_user_known_by_number_and_BSUID_is_named_by_both()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        await InjectAsync(harness, new { phoneNumberId = SimulatorHarness.PhoneNumberId, from = SimulatorHarness.Ana, userId = Bsuid, parentUserId = "US.ENT.11815799212886844830", text = "Hi" });

        var value = Assert.Single(harness.Receiver.Received).Value;
        Assert.Equal(SimulatorHarness.Ana, (string?)value["contacts"]![0]!["wa_id"]);
        Assert.Equal(Bsuid, (string?)value["contacts"]![0]!["user_id"]);
        Assert.Equal("US.ENT.11815799212886844830", (string?)value["contacts"]![0]!["parent_user_id"]);
        Assert.Equal(SimulatorHarness.Ana, (string?)value["messages"]![0]!["from"]);
        Assert.Equal(Bsuid, (string?)value["messages"]![0]!["from_user_id"]);
    }

    [Fact]
    public async Task A_BSUID_in_to_is_refused_and_nothing_is_sent()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await InjectAsync(harness, new { phoneNumberId = SimulatorHarness.PhoneNumberId, userId = Bsuid, text = "Hi" });

        using var response = await SendAsync(harness, $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"{{{Bsuid}}}","type":"text","text":{"body":"Hello"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(100, (int?)error["code"]);
        Assert.Contains("recipient", (string?)error["error_data"]!["details"], StringComparison.Ordinal);
        Assert.Null((await harness.RequestsAsync())[0]!["messageId"]);
    }

    [Fact]
    public async Task A_send_to_recipient_answers_the_user_id_and_its_statuses_carry_recipient_user_id()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await InjectAsync(harness, new { phoneNumberId = SimulatorHarness.PhoneNumberId, userId = Bsuid, username = "ana.ruiz", text = "Hi" });

        // The request shape of Meta's business-scoped user id guide: recipient instead of to.
        using var response = await SendAsync(harness, $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","recipient":"{{{Bsuid}}}","type":"text","text":{"body":"Hello Ana"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var contact = answer["contacts"]![0]!;
        Assert.Equal(Bsuid, (string?)contact["input"]);
        Assert.Equal(Bsuid, (string?)contact["user_id"]);
        Assert.Null(contact["wa_id"]);
        var messageId = (string)answer["messages"]![0]!["id"]!;
        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(messageId).Count >= 2, "sent and delivered statuses");
        Assert.All(harness.Receiver.StatusesFor(messageId), webhook =>
        {
            var status = webhook.StatusFor(messageId)!;
            Assert.Equal(Bsuid, (string?)status["recipient_user_id"]);
            Assert.Null(status["recipient_id"]);
        });
    }

    [Fact]
    public async Task A_send_to_the_number_of_a_user_with_a_BSUID_names_both_in_its_statuses()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await InjectAsync(harness, new { phoneNumberId = SimulatorHarness.PhoneNumberId, from = SimulatorHarness.Ana, userId = Bsuid, text = "Hi" });

        using var response = await SendAsync(harness, $$$"""{"messaging_product":"whatsapp","to":"+{{{SimulatorHarness.Ana}}}","type":"text","text":{"body":"Hello"}}""");

        var messageId = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["messages"]![0]!["id"]!;
        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(messageId).Count >= 1, "a sent status");
        var status = harness.Receiver.StatusesFor(messageId)[0].StatusFor(messageId)!;
        Assert.Equal(SimulatorHarness.Ana, (string?)status["recipient_id"]);
        Assert.Equal(Bsuid, (string?)status["recipient_user_id"]);
    }

    [Fact]
    public async Task An_authentication_template_to_a_BSUID_is_refused_with_131062()
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:AuthenticationTemplates:0"] = "login_code" });

        using var response = await SendAsync(harness, $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"{{{Bsuid}}}","type":"template",
             "template":{"name":"login_code","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"123456"}]}]}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(131062, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task A_number_change_is_a_system_message_from_the_old_number_naming_the_new_one()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        using var response = await harness.Http.PostAsJsonAsync("/simulator/identity-changes", new
        {
            phoneNumberId = SimulatorHarness.PhoneNumberId, from = SimulatorHarness.Ana, newWaId = "14155550199", name = "Ana Ruiz",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var value = Assert.Single(harness.Receiver.Received).Value;
        Assert.Null(value["contacts"]);
        var message = value["messages"]![0]!;
        Assert.Equal(SimulatorHarness.Ana, (string?)message["from"]);
        Assert.Equal("system", (string?)message["type"]);
        Assert.Equal("user_changed_number", (string?)message["system"]!["type"]);
        Assert.Equal("14155550199", (string?)message["system"]!["wa_id"]);
        Assert.Equal("User Ana Ruiz changed from 14155550123 to 14155550199", (string?)message["system"]!["body"]);
    }

    [Fact]
    public async Task A_BSUID_change_names_the_new_id_and_later_sends_reach_it()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await InjectAsync(harness, new { phoneNumberId = SimulatorHarness.PhoneNumberId, userId = Bsuid, text = "Hi" });

        using var change = await harness.Http.PostAsJsonAsync("/simulator/identity-changes", new { phoneNumberId = SimulatorHarness.PhoneNumberId, userId = Bsuid, newUserId = NewBsuid });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var message = harness.Receiver.Received.Last().Value["messages"]![0]!;
        Assert.Equal(Bsuid, (string?)message["from_user_id"]);
        Assert.Equal("user_changed_user_id", (string?)message["system"]!["type"]);
        Assert.Equal(NewBsuid, (string?)message["system"]!["user_id"]);
    }

    [Theory]
    [InlineData(null, null, "14155550199", null, "from")]
    [InlineData("14155550123", null, null, null, "newWaId")]
    [InlineData("14155550123", null, null, "not-a-bsuid", "newUserId")]
    [InlineData(null, "US.1", "x", null, "newWaId")]
    public async Task An_incomplete_identity_change_is_refused_and_sends_nothing(string? from, string? userId, string? newWaId, string? newUserId, string field)
    {
        await using var harness = await SimulatorHarness.StartAsync();

        using var response = await harness.Http.PostAsJsonAsync("/simulator/identity-changes", new { phoneNumberId = SimulatorHarness.PhoneNumberId, from, userId, newWaId, newUserId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![field]);
        Assert.Empty(harness.Receiver.Received);
    }

    private static async Task InjectAsync(SimulatorHarness harness, object request)
    {
        using var response = await harness.Http.PostAsJsonAsync("/simulator/inbound", request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<HttpResponseMessage> SendAsync(SimulatorHarness harness, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v24.0/{SimulatorHarness.PhoneNumberId}/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer dev-token");
        return await harness.Http.SendAsync(request);
    }
}
