using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>An account ban pauses the account's numbers; REST shows why, and only an agent key resumes them.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SendingApiTests(ApiClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task An_account_ban_pauses_its_numbers_shows_the_reason_and_an_agent_key_resumes_them()
    {
        // An account of its own, so the ban pauses no number another test sends from.
        var (phoneNumberId, waba) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewPhoneNumberId());
        var hello = WebhookBodies.Texts(phoneNumberId, [new(TextWebhooks.NewWaId(), $"wamid.{phoneNumberId}.1", "hi", DateTimeOffset.UtcNow)], businessAccountId: waba);
        using (var posted = await _cluster.PostWebhookAsync(hello))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        using var client = _cluster.CreateClient();
        var path = $"/api/v1/businesses/{phoneNumberId}";
        var before = await ApiJson.EventuallyAsync(client, "/api/v1/businesses", body => body.GetProperty("items").EnumerateArray()
            .Any(item => item.GetProperty("phoneNumberId").GetString() == phoneNumberId && item.GetProperty("wabaId").GetString() == waba));
        Assert.Equal("active", Sending(before, phoneNumberId).GetProperty("state").GetString());

        using (var banned = await _cluster.PostWebhookAsync(Ban(waba)))
        {
            Assert.Equal(HttpStatusCode.OK, banned.StatusCode);
        }

        var paused = (await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK)).GetProperty("sending");
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Contains("DISABLED_UPDATE", paused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(paused.TryGetProperty("since", out _));

        using var reader = _cluster.CreateClient(authenticated: false);
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiClusterFixture.ReadOnlyKey);
        using (var refused = await reader.PostAsync($"{path}/sending/resume", content: null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var resumed = await ApiJson.ReadAsync(await client.PostAsync($"{path}/sending/resume", content: null), HttpStatusCode.OK);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal("active", resumed.GetProperty("state").GetString());
        Assert.Equal("active", after.GetProperty("sending").GetProperty("state").GetString());
    }

    private static JsonElement Sending(JsonElement list, string phoneNumberId) =>
        list.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("phoneNumberId").GetString() == phoneNumberId).GetProperty("sending");

    internal static byte[] Ban(string waba) => Encoding.UTF8.GetBytes("""
        {"object":"whatsapp_business_account","entry":[{"id":"WABA","time":TIME,"changes":[{"field":"account_update",
        "value":{"event":"DISABLED_UPDATE","ban_info":{"waba_ban_state":"DISABLE","waba_ban_date":"2026-05-01"}}}]}]}
        """.Replace("WABA", waba, StringComparison.Ordinal).Replace("TIME", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
}
