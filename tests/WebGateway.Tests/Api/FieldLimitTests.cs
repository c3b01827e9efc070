using System.Net;
using System.Text.Json;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Api;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>Every REST body field has a limit (<see cref="FieldLimits"/>): one over it is a 400 naming the field, and nothing is stored.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FieldLimitTests(ApiClusterFixture fixture)
{
    private readonly LocalCluster _cluster = fixture.Cluster;

    public static TheoryData<string, string> OversizedSends => new()
    {
        { Json(new { text = Over(FieldLimits.Text) }), "text" },
        { Json(new { text = "hi", replyTo = Over(FieldLimits.ReplyTo) }), "replyTo" },
        { Json(new { text = "hi", idempotencyKey = Over(FieldLimits.IdempotencyKey) }), "idempotencyKey" },
        { Json(new { template = new { name = Over(FieldLimits.TemplateName), language = "en_US" } }), "template.name" },
        { Json(new { template = new { name = "order_update", language = Over(FieldLimits.TemplateLanguage) } }), "template.language" },
        { Json(new { template = new { name = "order_update", language = "en_US", parameters = new[] { "ok", Over(FieldLimits.TemplateParameter) } } }), "template.parameters[1]" },
        { Json(new { template = new { name = "order_update", language = "en_US", parameters = Enumerable.Repeat("p", FieldLimits.TemplateParameters + 1) } }), "template.parameters" },
    };

    public static TheoryData<string, string> OversizedSettings => new()
    {
        { Json(new { welcomeMessage = Over(FieldLimits.SettingsText) }), "welcomeMessage" },
        { Json(new { optOutConfirmation = Over(FieldLimits.SettingsText) }), "optOutConfirmation" },
        { Json(new { optInConfirmation = Over(FieldLimits.SettingsText) }), "optInConfirmation" },
        { Json(new { keywordReplies = new[] { new { keyword = Over(FieldLimits.Keyword), reply = "hi" } } }), "keywordReplies[0].keyword" },
        { Json(new { keywordReplies = new[] { new { keyword = "price", reply = Over(FieldLimits.SettingsText) } } }), "keywordReplies[0].reply" },
        { Json(new { keywordReplies = Enumerable.Range(0, FieldLimits.KeywordReplies + 1).Select(i => new { keyword = $"k{i}", reply = "hi" }) }), "keywordReplies" },
        { Json(new { businessHours = new { timeZone = "UTC", periods = new[] { new { day = "Monday", opens = "09:00", closes = "18:00" } }, awayMessage = Over(FieldLimits.SettingsText) } }), "businessHours.awayMessage" },
        { Json(new { businessHours = new { timeZone = "UTC", periods = Enumerable.Repeat(new { day = "Monday", opens = "09:00", closes = "09:01" }, FieldLimits.OpeningPeriods + 1), awayMessage = "closed" } }), "businessHours.periods" },
    };

    [Theory]
    [MemberData(nameof(OversizedSends))]
    public async Task An_oversized_send_field_is_a_400_naming_it_and_nothing_is_queued(string body, string field)
    {
        var (client, path) = await fixture.NewConversationAsync();
        var before = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/messages") { Content = ApiJson.Content(body) };
        if (!body.Contains("idempotencyKey", StringComparison.Ordinal))
        {
            request.Headers.Add(OutboundEndpoints.IdempotencyKeyHeader, Guid.NewGuid().ToString("N"));
        }

        var problem = await ApiJson.ReadAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal([field], ApiJson.ErrorFields(problem));
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_oversized_agent_name_is_a_400_naming_it_and_the_conversation_is_unchanged()
    {
        var (client, path) = await fixture.NewConversationAsync();
        var before = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        var problem = await ApiJson.ReadAsync(
            await client.PostAsync($"{path}/assign", ApiJson.Content(Json(new { agent = Over(FieldLimits.Agent) }))), HttpStatusCode.BadRequest);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal(["agent"], ApiJson.ErrorFields(problem));
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(OversizedSettings))]
    public async Task An_oversized_settings_field_is_a_400_naming_it_and_the_settings_are_unchanged(string body, string field)
    {
        using var client = _cluster.CreateClient();
        var path = $"/api/v1/businesses/{TextWebhooks.NewPhoneNumberId()}/settings";
        var stored = await ApiJson.ReadAsync(await client.PutAsync(path, ApiJson.Content("""{ "welcomeMessage": "Welcome!" }""")), HttpStatusCode.OK);

        var problem = await ApiJson.ReadAsync(await client.PutAsync(path, ApiJson.Content(body)), HttpStatusCode.BadRequest);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Contains(field, ApiJson.ErrorFields(problem));
        Assert.Equal(stored.ToString(), after.ToString());
    }

    [Fact]
    public async Task A_body_over_the_request_limit_is_refused_with_a_problem_and_stores_nothing()
    {
        using var client = _cluster.CreateClient();
        var path = $"/api/v1/businesses/{TextWebhooks.NewPhoneNumberId()}/settings";
        var stored = await ApiJson.ReadAsync(await client.PutAsync(path, ApiJson.Content("""{ "welcomeMessage": "Welcome!" }""")), HttpStatusCode.OK);

        // Expect: 100-continue lets the gateway refuse on Content-Length before the client writes 4 MB into a closed socket.
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = ApiJson.Content(Json(new { welcomeMessage = Over((int)FieldLimits.RequestBodyBytes) })) };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        var problem = await ApiJson.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal(stored.ToString(), after.ToString());
    }

    private static string Over(int limit) => new('x', limit + 1);

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
