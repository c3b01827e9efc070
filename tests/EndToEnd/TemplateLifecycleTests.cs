using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

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
