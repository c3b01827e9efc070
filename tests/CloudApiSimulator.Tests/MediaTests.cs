using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>
/// Meta's media flow as the Cloud API docs describe it: an injected file reaches the gateway as a media id with its
/// MIME type and sha256; <c>GET /{media-id}</c> gives a short-lived URL that needs the bearer token; uploads answer an id.
/// </summary>
public sealed class MediaTests
{
    private const string Token = "dev-token";

    // A 1x1 PNG: the smallest real image.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Injected_image_is_a_media_id_whose_download_has_the_injected_bytes()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var answer = await InjectImageAsync(harness, Png, caption: "the broken parcel");

        var webhook = Assert.Single(harness.Receiver.Received);
        var message = webhook.Value["messages"]![0]!;
        Assert.Equal("image", (string?)message["type"]);
        var image = message["image"]!;
        var mediaId = (string?)image["id"];
        Assert.Equal((string?)answer["mediaId"], mediaId);
        Assert.Equal("image/png", (string?)image["mime_type"]);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(Png)), (string?)image["sha256"]);
        Assert.Equal("the broken parcel", (string?)image["caption"]);

        using var http = Authorized(harness);
        var metadata = (await http.GetFromJsonAsync<JsonNode>($"/v24.0/{mediaId}"))!;
        Assert.Equal("whatsapp", (string?)metadata["messaging_product"]);
        Assert.Equal("image/png", (string?)metadata["mime_type"]);
        Assert.Equal(Png.Length, (long?)metadata["file_size"]);
        Assert.Equal((string?)image["sha256"], (string?)metadata["sha256"]);
        Assert.Equal(mediaId, (string?)metadata["id"]);

        var bytes = await http.GetByteArrayAsync((string?)metadata["url"]);
        Assert.Equal(Png, bytes);
    }

    [Fact]
    public async Task Download_url_needs_the_bearer_token_and_a_media_id_lookup_needs_it_too()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var mediaId = (string?)(await InjectImageAsync(harness, Png))["mediaId"];

        using (var anonymousLookup = await harness.Http.GetAsync($"/v24.0/{mediaId}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousLookup.StatusCode);
        }

        using var http = Authorized(harness);
        var url = (string?)(await http.GetFromJsonAsync<JsonNode>($"/v24.0/{mediaId}"))!["url"];
        using var anonymous = await harness.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Download_url_expires_and_a_fresh_lookup_gives_a_working_one()
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:MediaUrlLifetime"] = "00:00:01" });
        var mediaId = (string?)(await InjectImageAsync(harness, Png))["mediaId"];
        using var http = Authorized(harness);
        var stale = (string?)(await http.GetFromJsonAsync<JsonNode>($"/v24.0/{mediaId}"))!["url"];

        // Unix-second expiry: after at most two seconds the URL is past it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            using var response = await http.GetAsync(stale);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.NotFound, status);
        var fresh = (string?)(await http.GetFromJsonAsync<JsonNode>($"/v24.0/{mediaId}"))!["url"];
        Assert.Equal(Png, await http.GetByteArrayAsync(fresh));
    }

    [Fact]
    public async Task Download_faults_fail_the_queued_downloads_then_the_file_comes_back()
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:FaultTimeout"] = "00:00:00.200" });
        var mediaId = (string?)(await InjectImageAsync(harness, Png))["mediaId"];
        using var http = Authorized(harness);
        var url = (string?)(await http.GetFromJsonAsync<JsonNode>($"/v24.0/{mediaId}"))!["url"];
        foreach (var (kind, count) in new[] { ("ServerError", 2), ("Timeout", 1), ("WrongSha256", 1) })
        {
            using var queued = await harness.Http.PostAsJsonAsync("/simulator/media/faults", new { kind, count });
            queued.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 2; i++)
        {
            using var failed = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        using (var timedOut = await http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        }

        var corrupted = await http.GetByteArrayAsync(url);
        Assert.NotEqual(Convert.ToBase64String(SHA256.HashData(Png)), Convert.ToBase64String(SHA256.HashData(corrupted)));
        Assert.Equal(Png, await http.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task Uploaded_file_gets_an_id_that_a_send_can_use()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        using var http = Authorized(harness);

        using var form = UploadForm(Png, "image/png", "receipt.png");
        using var response = await http.PostAsync($"/v24.0/{SimulatorHarness.PhoneNumberId}/media", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string?)(await response.Content.ReadFromJsonAsync<JsonNode>())!["id"];
        Assert.False(string.IsNullOrEmpty(id));
        var metadata = (await http.GetFromJsonAsync<JsonNode>($"/v24.0/{id}"))!;
        Assert.Equal(Png.Length, (long?)metadata["file_size"]);
        var listed = Assert.Single((await harness.Http.GetFromJsonAsync<JsonArray>("/simulator/media"))!);
        Assert.True((bool?)listed!["uploaded"]);
    }

    [Fact]
    public async Task A_send_by_an_uploaded_id_is_accepted_until_the_id_expires_then_refused_with_131053()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.InjectInboundAsync("Can you send the receipt?");
        using var http = Authorized(harness);
        using var form = UploadForm(Png, "image/png", "receipt.png");
        using var uploaded = await http.PostAsync($"/v24.0/{SimulatorHarness.PhoneNumberId}/media", form);
        var id = (string?)(await uploaded.Content.ReadFromJsonAsync<JsonNode>())!["id"];

        using var accepted = await SendImageAsync(http, id!);
        using var expire = await harness.Http.PostAsync($"/simulator/media/{id}/expire", content: null);
        using var expired = await SendImageAsync(http, id!);
        using var neverUploaded = await SendImageAsync(http, "1234567890123456");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        foreach (var refused in new[] { expired, neverUploaded })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var error = (await refused.Content.ReadFromJsonAsync<JsonNode>())!["error"]!;
            Assert.Equal(131053, (int?)error["code"]);
            Assert.Contains("image['id']", (string?)error["error_data"]!["details"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("application/x-msdownload", 10)]
    [InlineData("image/png", 0)]
    [InlineData("image/png", 5 * 1024 * 1024 + 1)]
    public async Task Upload_of_an_unsupported_type_or_size_is_refused_with_131053(string mimeType, int size)
    {
        await using var harness = await SimulatorHarness.StartAsync();
        using var http = Authorized(harness);

        using var form = UploadForm(new byte[size], mimeType, "file.bin");
        using var response = await http.PostAsync($"/v24.0/{SimulatorHarness.PhoneNumberId}/media", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(131053, (int?)(await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["code"]);
        Assert.Empty((await harness.Http.GetFromJsonAsync<JsonArray>("/simulator/media"))!);
    }

    [Fact]
    public async Task Media_injection_without_a_file_is_refused()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        using var response = await harness.Http.PostAsJsonAsync("/simulator/inbound", new { phoneNumberId = SimulatorHarness.PhoneNumberId, from = SimulatorHarness.Ana, type = "image" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(harness.Receiver.Received);
    }

    private static async Task<JsonNode> InjectImageAsync(SimulatorHarness harness, byte[] bytes, string? caption = null)
    {
        using var response = await harness.Http.PostAsJsonAsync("/simulator/inbound", new
        {
            phoneNumberId = SimulatorHarness.PhoneNumberId,
            from = SimulatorHarness.Ana,
            name = "Ana Ruiz",
            type = "image",
            media = new { mimeType = "image/png", base64 = Convert.ToBase64String(bytes), caption },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    // Meta's media message by id, as the Cloud API docs show it.
    private static Task<HttpResponseMessage> SendImageAsync(HttpClient http, string mediaId) =>
        http.PostAsJsonAsync($"/v24.0/{SimulatorHarness.PhoneNumberId}/messages", new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = "+" + SimulatorHarness.Ana,
            ["type"] = "image",
            ["image"] = new JsonObject { ["id"] = mediaId, ["caption"] = "Your receipt" },
        });

    private static HttpClient Authorized(SimulatorHarness harness)
    {
        var http = new HttpClient { BaseAddress = harness.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    // Meta's upload: multipart with file, type and messaging_product=whatsapp.
    private static MultipartFormDataContent UploadForm(byte[] bytes, string mimeType, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(mimeType);
        return new MultipartFormDataContent
        {
            { file, "file", fileName },
            { new StringContent(mimeType), "type" },
            { new StringContent("whatsapp"), "messaging_product" },
        };
    }
}
