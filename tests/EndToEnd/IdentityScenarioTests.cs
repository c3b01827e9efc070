using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace WaApp.EndToEnd;

/// <summary>
/// A customer writes by phone, then by username only (BSUID), then changes number, through real processes with the
/// Cloud API simulator as Meta: one conversation throughout, their STOP still holds after the change, and once they
/// write by username again the reply goes out with <c>recipient</c> (the simulator's journal), never a BSUID in <c>to</c>.
/// </summary>
public sealed class IdentityScenarioTests(SimulatedMetaCluster fixture) : IClassFixture<SimulatedMetaCluster>
{
    private const string PhoneNumberId = "117283940561728";

    [Fact]
    public async Task Phone_then_username_then_new_number_is_one_conversation_whose_STOP_holds_and_whose_reply_uses_recipient()
    {
        var number = SimulatedMetaCluster.NewCustomer();
        var newNumber = SimulatedMetaCluster.NewCustomer();
        var bsuid = NewBsuid();
        var newBsuid = NewBsuid();
        using var api = fixture.Cluster.CreateClient();

        await InjectAsync(new { phoneNumberId = PhoneNumberId, from = number, userId = bsuid, name = "Ana", text = "Hi, by phone" });
        await InjectAsync(new { phoneNumberId = PhoneNumberId, userId = bsuid, username = "ana.r", name = "Ana", text = "STOP" });
        await PostAsync("/simulator/identity-changes", new { phoneNumberId = PhoneNumberId, from = number, userId = bsuid, newWaId = newNumber, newUserId = newBsuid, name = "Ana" });
        await InjectAsync(new { phoneNumberId = PhoneNumberId, from = newNumber, userId = newBsuid, name = "Ana", text = "New number, same me" });

        // One conversation, found by the first number and by the new one.
        var texts = await TextsAsync(api, number);
        Assert.Equal(["Hi, by phone", "STOP", "New number, same me"], texts.Where(text => text is not null && !text.StartsWith("User ", StringComparison.Ordinal)));
        Assert.Equal(texts, await TextsAsync(api, newNumber));

        // The opt-out given by username, before the change, still holds.
        using var refused = await SendAsync(api, newNumber, "after-change", "Back in stock!");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("opted out", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Writing START by username only opts back in; the reply goes to the BSUID the customer wrote by.
        await InjectAsync(new { phoneNumberId = PhoneNumberId, userId = newBsuid, username = "ana.r", name = "Ana", text = "START" });
        using var reply = await SendAsync(api, number, "reply-1", "Welcome back, Ana");
        Assert.True(reply.StatusCode == HttpStatusCode.Accepted, await reply.Content.ReadAsStringAsync());
        var id = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var bodies = (await fixture.RequestsAsync(newBsuid)).Concat(await fixture.RequestsAsync(bsuid))
            .Select(request => JsonDocument.Parse(request.GetProperty("body").GetString()!).RootElement).ToList();
        var sent = Assert.Single(bodies, body => body.GetProperty("biz_opaque_callback_data").GetString() == id);
        Assert.Equal(newBsuid, sent.GetProperty("recipient").GetString());
        // Nothing (the reply, nor the STOP and START confirmations) ever put a BSUID in to.
        Assert.All(bodies, body => Assert.False(body.TryGetProperty("to", out _)));

        // Its statuses name only recipient_user_id and still find the message.
        await fixture.EventuallyMessageAsync(api, number, id, status => status == "read");
    }

    private static string NewBsuid() => "GB." + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private async Task InjectAsync(object request) => await PostAsync("/simulator/inbound", request);

    private async Task PostAsync(string path, object request)
    {
        using var response = await fixture.Simulator.PostAsJsonAsync(path, request);
        response.EnsureSuccessStatusCode();
        var webhookStatus = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhookStatus");
        Assert.True(webhookStatus.ValueKind == JsonValueKind.Number && webhookStatus.GetInt32() == 200, $"The gateway answered {path} with {webhookStatus}.");
    }

    private static async Task<IReadOnlyList<string?>> TextsAsync(HttpClient api, string alias)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{PhoneNumberId}/{Uri.EscapeDataString(alias)}/messages?limit=100");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("direction").GetString() == "inbound")
            .Select(item => item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null)];
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient api, string alias, string key, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{PhoneNumberId}/{Uri.EscapeDataString(alias)}/messages")
        {
            Content = JsonContent.Create(new { text }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }
}
