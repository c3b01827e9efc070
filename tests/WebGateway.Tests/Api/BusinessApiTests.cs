using System.Net;
using System.Net.Http.Headers;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class BusinessApiTests(ApiClusterFixture fixture)
{
    private const string ValidSettings = """
        {
          "welcomeMessage": "Welcome to Acme!",
          "keywordReplies": [ { "keyword": "price", "reply": "Prices: acme.example/prices" } ],
          "businessHours": {
            "timeZone": "Europe/Madrid",
            "periods": [ { "day": "Monday", "opens": "09:00", "closes": "18:00" }, { "day": "friday", "opens": "22:00", "closes": "02:00" } ],
            "awayMessage": "We are closed; we answer from 9:00.",
            "awayMessageInterval": "04:00:00"
          },
          "autoMarkAsRead": true
        }
        """;

    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Settings_are_stored_and_read_back()
    {
        using var client = _cluster.CreateClient();
        var path = $"/api/v1/businesses/{NewPhoneNumberId()}/settings";

        var stored = await ApiJson.ReadAsync(await client.PutAsync(path, ApiJson.Content(ValidSettings)), HttpStatusCode.OK);
        var read = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal(stored.ToString(), read.ToString());
        Assert.Equal("Welcome to Acme!", read.GetProperty("welcomeMessage").GetString());
        var periods = read.GetProperty("businessHours").GetProperty("periods");
        Assert.Equal("Friday", periods[1].GetProperty("day").GetString());
        Assert.Equal("02:00:00", periods[1].GetProperty("closes").GetString());
        Assert.True(read.GetProperty("autoMarkAsRead").GetBoolean());
    }

    [Theory]
    [InlineData("""{ "businessHours": { "timeZone": "Mars/Olympus_Mons", "periods": [ { "day": "Monday", "opens": "09:00", "closes": "18:00" } ], "awayMessage": "closed" } }""", "businessHours.timeZone")]
    [InlineData("""{ "keywordReplies": [ { "keyword": "price", "reply": "a" }, { "keyword": "  ", "reply": "b" } ] }""", "keywordReplies[1].keyword")]
    [InlineData("""{ "businessHours": { "timeZone": "UTC", "periods": [ { "day": "Monday", "opens": "09:00", "closes": "18:00" }, { "day": "Monday", "opens": "17:00", "closes": "19:00" } ], "awayMessage": "closed" } }""", "businessHours.periods[1]")]
    [InlineData("""{ "businessHours": { "timeZone": "UTC", "periods": [ { "day": "Funday", "opens": "09:00", "closes": "18:00" } ], "awayMessage": "closed" } }""", "businessHours.periods[0].day")]
    [InlineData("""{ "welcomeMesage": "typo" }""", "welcomeMesage")]
    [InlineData("""{ "welcomeMessage": 5 }""", "welcomeMessage")]
    [InlineData("""not json""", "settings")]
    public async Task Invalid_settings_are_a_400_problem_naming_the_field_and_change_nothing(string body, string field)
    {
        using var client = _cluster.CreateClient();
        var path = $"/api/v1/businesses/{NewPhoneNumberId()}/settings";
        await ApiJson.ReadAsync(await client.PutAsync(path, ApiJson.Content(ValidSettings)), HttpStatusCode.OK);

        using var response = await client.PutAsync(path, ApiJson.Content(body));
        var problem = await ApiJson.ReadAsync(response, HttpStatusCode.BadRequest);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(field, ApiJson.ErrorFields(problem));
        Assert.Equal("Welcome to Acme!", after.GetProperty("welcomeMessage").GetString());
    }

    [Fact]
    public async Task An_unknown_business_is_a_404_problem()
    {
        using var client = _cluster.CreateClient();

        using var response = await client.GetAsync($"/api/v1/businesses/{NewPhoneNumberId()}");
        var problem = await ApiJson.ReadAsync(response, HttpStatusCode.NotFound);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_business_configured_before_its_first_message_is_listed_with_zero_counters()
    {
        using var client = _cluster.CreateClient();
        var phoneNumberId = NewPhoneNumberId();
        await ApiJson.ReadAsync(await client.PutAsync($"/api/v1/businesses/{phoneNumberId}/settings", ApiJson.Content(ValidSettings)), HttpStatusCode.OK);

        var business = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/businesses/{phoneNumberId}"), HttpStatusCode.OK);
        var list = await ApiJson.ReadAsync(await client.GetAsync("/api/v1/businesses"), HttpStatusCode.OK);

        Assert.Equal(0, business.GetProperty("counters").GetProperty("messagesIn").GetInt64());
        Assert.Contains(phoneNumberId, list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("phoneNumberId").GetString()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("status=pending", "status")]
    public async Task Bad_conversation_list_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        using var client = _cluster.CreateClient();

        var problem = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/businesses/{NewPhoneNumberId()}/conversations?{query}"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ApiJson.ErrorFields(problem));
    }

    [Theory]
    [InlineData("GET", "/api/v1/businesses")]
    [InlineData("GET", "/api/v1/businesses/117283940561728")]
    [InlineData("PUT", "/api/v1/businesses/117283940561728/settings")]
    [InlineData("GET", "/api/v1/businesses/117283940561728/conversations")]
    public async Task Calls_without_a_valid_key_are_401_and_change_nothing(string method, string path)
    {
        using var anonymous = _cluster.CreateClient(authenticated: false);
        using var wrongKey = _cluster.CreateClient(authenticated: false);
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key-at-all");

        foreach (var client in new[] { anonymous, wrongKey })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "PUT" ? ApiJson.Content("""{ "welcomeMessage": "hijacked" }""") : null };
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var authenticated = _cluster.CreateClient();
        var settings = await ApiJson.ReadAsync(await authenticated.GetAsync("/api/v1/businesses/117283940561728/settings"), HttpStatusCode.OK);
        Assert.NotEqual("hijacked", settings.GetProperty("welcomeMessage").ToString());
    }

    [Fact]
    public async Task The_openapi_document_and_reference_page_are_served()
    {
        using var client = _cluster.CreateClient(authenticated: false);

        var document = await ApiJson.ReadAsync(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        using var page = await client.GetAsync("/api/reference");

        var paths = document.GetProperty("paths").EnumerateObject().Select(property => property.Name).ToList();
        Assert.Contains("/api/v1/businesses", paths);
        Assert.Contains("/api/v1/businesses/{phoneNumberId}/settings", paths);
        Assert.Contains("/api/v1/conversations/{phoneNumberId}/{contactId}/messages", paths);
        Assert.Contains("/api/v1/conversations/{phoneNumberId}/{contactId}/events", paths);
        Assert.Contains("/api/v1/contacts/{contactId}", paths);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string NewPhoneNumberId() => "2" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
}
