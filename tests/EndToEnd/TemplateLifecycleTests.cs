using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// Template management through real processes: created through REST, reviewed by the simulator (PENDING, then
/// APPROVED), synced and offered by the API; a send that does not fit never reaches Meta; paused by Meta's webhook,
/// it is refused with the reason; deleted, it is gone.
/// </summary>
public sealed class TemplateLifecycleTests(SimulatedMetaCluster fixture) : IClassFixture<SimulatedMetaCluster>
{
    private const string PhoneNumberId = "117283940561728";

    [Fact]
    public async Task A_created_template_is_reviewed_offered_checked_paused_and_deleted()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Where is my order?");
        using var api = fixture.Cluster.CreateClient();
        var name = "shipping_update_" + RandomNumberGenerator.GetHexString(8, lowercase: true);

        // Meta's creation body, as in Meta's "create and manage templates" docs.
        using var created = await api.PostAsJsonAsync($"/api/v1/businesses/{PhoneNumberId}/templates", new JsonObject
        {
            ["name"] = name,
            ["language"] = "en_US",
            ["category"] = "UTILITY",
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "BODY",
                ["text"] = "Your package {{1}} ships on {{2}}.",
                ["example"] = new JsonObject { ["body_text"] = new JsonArray(new JsonArray("#1234", "Friday")) },
            }),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal("PENDING", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // The simulator approves it and says so by webhook; the catalog syncs and the API offers it with its components.
        var offered = await EventuallyTemplateAsync(api, name, "?status=APPROVED");
        Assert.Equal("UTILITY", offered.GetProperty("category").GetString());
        Assert.Equal("Your package {{1}} ships on {{2}}.", offered.GetProperty("components")[0].GetProperty("text").GetString());

        // One parameter short: 400 naming the parameters, nothing stored, Meta not called.
        using var missing = await SendTemplateAsync(api, customer, "t-missing", name, "#4417");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("template.components[body].parameters", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await fixture.RequestsAsync(customer));

        using var sent = await SendTemplateAsync(api, customer, "t-ok", name, "#4417", "Monday");
        Assert.True(sent.StatusCode == HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        await SimulatedMetaCluster.EventuallyAsync(async () => (await fixture.RequestsAsync(customer)).Count == 1, "the template send to reach Meta");

        // Meta pauses it (a webhook): the next send is refused with the reason, before Meta.
        using (var pause = await fixture.Simulator.PostAsJsonAsync("/simulator/templates/status", new { name, language = "en_US", status = "PAUSED" }))
        {
            pause.EnsureSuccessStatusCode();
        }

        await EventuallyTemplateAsync(api, name, "?status=PAUSED");
        using var paused = await SendTemplateAsync(api, customer, "t-paused", name, "#4418", "Tuesday");
        Assert.Equal(HttpStatusCode.Conflict, paused.StatusCode);
        var problem = await paused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PAUSED", problem.GetProperty("templateStatus").GetString());
        Assert.Contains("paused", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await fixture.RequestsAsync(customer));

        using var deleted = await api.DeleteAsync($"/api/v1/businesses/{PhoneNumberId}/templates/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{PhoneNumberId}/templates");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Bad_creation_bodies_and_unknown_templates_are_refused_before_Meta()
    {
        await fixture.InjectInboundAsync(PhoneNumberId, "Hello");
        using var api = fixture.Cluster.CreateClient();

        using var badName = await api.PostAsJsonAsync($"/api/v1/businesses/{PhoneNumberId}/templates", new { name = "Order Update", language = "en_US", category = "UTILITY", components = new[] { new { type = "BODY", text = "Hi" } } });
        using var badCategory = await api.PostAsJsonAsync($"/api/v1/businesses/{PhoneNumberId}/templates", new { name = "order_update", language = "en_US", category = "PROMO", components = new[] { new { type = "BODY", text = "Hi" } } });
        using var sync = await api.PostAsync($"/api/v1/businesses/{PhoneNumberId}/templates/sync", null);

        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("\"name\"", await badName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        Assert.Contains("\"category\"", await badCategory.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);

        // Synced, and Meta has no such template: 400 naming the template, nothing sent.
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Hi again");
        using var unknown = await SendTemplateAsync(api, customer, "t-unknown", "never_created_anywhere", "x");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("template.name", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await fixture.RequestsAsync(customer));
    }

    [Fact]
    public async Task A_send_missing_a_named_parameter_is_refused_naming_it_and_Meta_is_not_called()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Is my order confirmed?");
        using var api = fixture.Cluster.CreateClient();
        var name = "order_confirmation_" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        await CreateApprovedAsync(api, $$$"""
            {"name":"{{{name}}}","language":"en_US","category":"UTILITY","parameter_format":"NAMED","components":[
              {"type":"BODY","text":"Thank you, {{first_name}}! Your order {{order_number}} is confirmed.",
               "example":{"body_text_named_params":[{"param_name":"first_name","example":"Pablo"},{"param_name":"order_number","example":"860198-230332"}]}}]}
            """, name);

        // Meta's template object with named parameters, as in "send template messages"; order_number is left out.
        using var missing = await SendAsync(api, customer, "named-missing", NamedSend(name, ("first_name", "Pablo")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("template.components[body].parameters[order_number]", out _), problem.ToString());
        Assert.Empty(await fixture.RequestsAsync(customer));
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{PhoneNumberId}/{customer}/messages");
        Assert.DoesNotContain(stored.GetProperty("items").EnumerateArray(), item => item.GetProperty("direction").GetString() == "outbound");

        using var sent = await SendAsync(api, customer, "named-ok", NamedSend(name, ("first_name", "Pablo"), ("order_number", "860198-230332")));
        Assert.True(sent.StatusCode == HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        await SimulatedMetaCluster.EventuallyAsync(async () => (await fixture.RequestsAsync(customer)).Count == 1, "the named template send to reach Meta");
    }

    [Fact]
    public async Task An_edited_template_goes_back_to_review_and_sends_are_checked_against_the_edit()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Any news on my package?");
        using var api = fixture.Cluster.CreateClient();
        var name = "package_news_" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        await CreateApprovedAsync(api, $$$"""
            {"name":"{{{name}}}","language":"en_US","category":"UTILITY","components":[
              {"type":"BODY","text":"Your package {{1}} ships on {{2}}.","example":{"body_text":[["#1234","Friday"]]}}]}
            """, name);
        var path = $"/api/v1/businesses/{PhoneNumberId}/templates/{name}/en_US";

        // Meta keeps an approved template's category; WaApp says so before calling Meta.
        using var recategorised = await api.PutAsync(path, Json("""{"category":"MARKETING"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, recategorised.StatusCode);
        Assert.Contains("\"category\"", await recategorised.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Meta's edit body: the components are replaced whole and the template is reviewed again.
        const string Edit = """{"components":[{"type":"BODY","text":"Your package {{1}} is on its way.","example":{"body_text":[["#1234"]]}}]}""";
        using var edited = await api.PutAsync(path, Json(Edit));
        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        Assert.Equal("PENDING", (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var approved = await EventuallyTemplateAsync(api, name, "?status=APPROVED");
        Assert.Equal("Your package {{1}} is on its way.", approved.GetProperty("components")[0].GetProperty("text").GetString());

        // Sends follow the edited definition: two parameters no longer fit, one does.
        using var old = await SendTemplateAsync(api, customer, "edit-old", name, "#4417", "Monday");
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Empty(await fixture.RequestsAsync(customer));
        using var fits = await SendTemplateAsync(api, customer, "edit-new", name, "#4417");
        Assert.True(fits.StatusCode == HttpStatusCode.Accepted, await fits.Content.ReadAsStringAsync());

        // A second edit of the approved template the same day is over Meta's limit: Meta's words come back as a 400.
        using var again = await api.PutAsync(path, Json(Edit));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("edit limit", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await api.PutAsync($"/api/v1/businesses/{PhoneNumberId}/templates/never_created_anywhere/en_US", Json(Edit));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("template-carousel.json", "template.components[carousel].cards")]
    [InlineData("template-limited-time-offer.json", "template.components[limited_time_offer].parameters")]
    public async Task Carousel_and_offer_sends_are_checked_against_the_synced_definition(string fixtureName, string field)
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Any offers this week?");
        using var api = fixture.Cluster.CreateClient();
        var carousel = fixtureName.Contains("carousel", StringComparison.Ordinal);
        var name = (carousel ? "summer_carousel_" : "caribbean_offer_") + RandomNumberGenerator.GetHexString(8, lowercase: true);
        await CreateApprovedAsync(api, (carousel ? CarouselDefinition : OfferDefinition).Replace("{name}", name, StringComparison.Ordinal), name);

        // Meta's documented send (tests/Fixtures/outbound), under this test's template name.
        var expected = OutboundFixtures.Meta(fixtureName, "+" + customer);
        expected["template"]!["name"] = name;
        var wrong = expected.DeepClone().AsObject();
        var components = wrong["template"]!["components"]!.AsArray();
        if (carousel)
        {
            components[1]!["cards"]!.AsArray().RemoveAt(1);
        }
        else
        {
            components.RemoveAt(2);
        }

        using var refused = await SendAsync(api, customer, "kind-wrong", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(await fixture.RequestsAsync(customer));

        using var sent = await SendAsync(api, customer, "kind-ok", expected);
        Assert.True(sent.StatusCode == HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        await SimulatedMetaCluster.EventuallyAsync(async () => (await fixture.RequestsAsync(customer)).Count == 1, $"the {fixtureName} send to reach Meta");
        var received = JsonNode.Parse((await fixture.RequestsAsync(customer))[0].GetProperty("body").GetString()!)!.AsObject();
        received.Remove("biz_opaque_callback_data");
        Assert.True(JsonNode.DeepEquals(expected, received), $"expected {expected.ToJsonString()}{Environment.NewLine}received {received.ToJsonString()}");
    }

    // Creation bodies after Meta's media card carousel and limited-time offer docs, matching the documented sends.
    private const string CarouselDefinition = """
        {"name":"{name}","language":"en_US","category":"MARKETING","components":[
          {"type":"BODY","text":"Summer is here! Use code {{1}} to get {{2}} off your next order.","example":{"body_text":[["15OFF","15%"]]}},
          {"type":"CAROUSEL","cards":[
            {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
              {"type":"BODY","text":"Rare lavender. Use code {{1}} to get {{2}} off.","example":{"body_text":[["10OFF","10%"]]}},
              {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Send more like this"},{"type":"URL","text":"Shop","url":"https://www.luckyshrub.com/rare/{{1}}","example":["lavender"]}]}]},
            {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
              {"type":"BODY","text":"Blue succulents. Use code {{1}} to get {{2}} off.","example":{"body_text":[["30OFF","30%"]]}},
              {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Send more like this"},{"type":"URL","text":"Shop","url":"https://www.luckyshrub.com/rare/{{1}}","example":["blue"]}]}]}]}]}
        """;

    private const string OfferDefinition = """
        {"name":"{name}","language":"en_US","category":"MARKETING","components":[
          {"type":"header","format":"image","example":{"header_handle":["4::aW1hZ2U="]}},
          {"type":"limited_time_offer","limited_time_offer":{"text":"Expiring offer!","has_expiration":true}},
          {"type":"body","text":"Good news, {{1}}! Use code {{2}} to get 25% off all Caribbean packages!","example":{"body_text":[["Pablo","CARIBE25"]]}},
          {"type":"buttons","buttons":[{"type":"copy_code","example":"CARIBE25"},{"type":"url","text":"Book now!","url":"https://www.example.com/{{1}}","example":["https://www.example.com/n3mtql"]}]}]}
        """;

    /// <summary>Creates the template through REST and waits until the simulator approved it and WaApp synced its components.</summary>
    private static async Task CreateApprovedAsync(HttpClient api, string creation, string name)
    {
        using var created = await api.PostAsync($"/api/v1/businesses/{PhoneNumberId}/templates", Json(creation));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await EventuallyTemplateAsync(api, name, "?status=APPROVED");
    }

    private static JsonObject NamedSend(string name, params (string Name, string Value)[] parameters) => new()
    {
        ["type"] = "template",
        ["template"] = new JsonObject
        {
            ["name"] = name,
            ["language"] = new JsonObject { ["code"] = "en_US" },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. parameters.Select(parameter => (JsonNode)new JsonObject { ["type"] = "text", ["parameter_name"] = parameter.Name, ["text"] = parameter.Value })]),
            }),
        },
    };

    private static Task<HttpResponseMessage> SendAsync(HttpClient api, string customer, string key, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{PhoneNumberId}/{customer}/messages") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> SendTemplateAsync(HttpClient api, string customer, string key, string name, params string[] parameters)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{PhoneNumberId}/{customer}/messages")
        {
            Content = JsonContent.Create(new { template = new { name, language = "en_US", parameters } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    private static async Task<JsonElement> EventuallyTemplateAsync(HttpClient api, string name, string query)
    {
        JsonElement found = default;
        await SimulatedMetaCluster.EventuallyAsync(
            async () =>
            {
                var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{PhoneNumberId}/templates{query}");
                found = page.GetProperty("items").EnumerateArray().FirstOrDefault(item => item.GetProperty("name").GetString() == name);
                return found.ValueKind == JsonValueKind.Object && (!query.Contains("APPROVED", StringComparison.Ordinal) || found.GetProperty("components").ValueKind == JsonValueKind.Array);
            },
            $"template {name} to be listed ({query})");
        return found;
    }
}
