using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3.Model;

namespace WaApp.EndToEnd;

/// <summary>
/// Customers' files end up verified in the business's bucket and served back safely; uploads are checked by content.
/// Real processes: gateway, silo, the Cloud API simulator as Meta (media ids, expiring download URLs, faults) and s3rver.
/// </summary>
public sealed class MediaTests(MediaCluster fixture) : IClassFixture<MediaCluster>
{
    // A 1x1 PNG: the smallest real image.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_injected_image_is_stored_and_served_with_the_injected_sha256_to_a_read_only_key_too()
    {
        var (customer, messageId, mediaId) = await fixture.InjectMediaAsync("image", "image/png", Png, caption: "the broken parcel");
        using var api = fixture.Cluster.CreateClient();

        var media = await fixture.EventuallyMediaAsync(api, customer, messageId, status => status != "pending");

        Assert.Equal("stored", media.GetProperty("status").GetString());
        Assert.Equal("image/png", media.GetProperty("mimeType").GetString());
        Assert.Equal(Png.Length, media.GetProperty("size").GetInt64());
        Assert.Equal(Sha256(Png), media.GetProperty("sha256").GetString());
        Assert.Equal("the broken parcel", media.GetProperty("caption").GetString());
        using var reader = fixture.CreateReadOnlyClient();
        using var served = await reader.GetAsync(MediaCluster.MediaPath(customer, messageId));
        Assert.True(served.StatusCode == HttpStatusCode.OK, $"{served.StatusCode}: {await served.Content.ReadAsStringAsync()}");
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Sha256(Png), Sha256(await served.Content.ReadAsByteArrayAsync()));
        Assert.Equal(1, await fixture.DownloadsAsync(mediaId));
    }

    [Fact]
    public async Task Download_errors_are_retried_and_the_file_is_stored_once()
    {
        await fixture.AddMediaFaultAsync("ServerError", 3);
        var (customer, messageId, mediaId) = await fixture.InjectMediaAsync("image", "image/png", Png);
        using var api = fixture.Cluster.CreateClient();

        var media = await fixture.EventuallyMediaAsync(api, customer, messageId, status => status != "pending");

        Assert.Equal("stored", media.GetProperty("status").GetString());
        Assert.Equal(0, await fixture.PendingMediaFaultsAsync());
        Assert.Equal(1, await fixture.DownloadsAsync(mediaId));
        Assert.Equal(1, await ObjectsAsync(mediaId));
    }

    [Fact]
    public async Task A_file_whose_sha256_does_not_match_fails_and_is_never_served()
    {
        await fixture.AddMediaFaultAsync("WrongSha256");
        var (customer, messageId, mediaId) = await fixture.InjectMediaAsync("image", "image/png", Png);
        using var api = fixture.Cluster.CreateClient();

        var media = await fixture.EventuallyMediaAsync(api, customer, messageId, status => status != "pending");

        Assert.Equal("failed", media.GetProperty("status").GetString());
        Assert.Contains("sha256 mismatch", media.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var served = await api.GetAsync(MediaCluster.MediaPath(customer, messageId));
        Assert.Equal(HttpStatusCode.Conflict, served.StatusCode);
        Assert.Equal(0, await ObjectsAsync(mediaId));

        // An agent asks again: this time the bytes are right.
        using var retry = await api.PostAsync(MediaCluster.MediaPath(customer, messageId) + "/retry", content: null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("stored", (await fixture.EventuallyMediaAsync(api, customer, messageId, status => status != "pending")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_redelivered_webhook_brings_no_second_download_or_object()
    {
        var (customer, messageId, mediaId) = await fixture.InjectMediaAsync("image", "image/png", Png);
        var webhook = Encoding.UTF8.GetBytes(MediaWebhook(customer, messageId, mediaId, Sha256(Png)));

        for (var i = 0; i < 2; i++)
        {
            using var again = await fixture.Cluster.PostWebhookAsync(webhook);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using var api = fixture.Cluster.CreateClient();
        Assert.Equal("stored", (await fixture.EventuallyMediaAsync(api, customer, messageId, status => status != "pending")).GetProperty("status").GetString());
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{MediaCluster.PhoneNumberId}/{customer}/messages");
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, await fixture.DownloadsAsync(mediaId));
        Assert.Equal(1, await ObjectsAsync(mediaId));
    }

    [Theory]
    [InlineData("document", "text/html", "<html><script>alert(1)</script></html>", "invoice.html")]
    [InlineData("image", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", null)]
    public async Task Markup_is_served_as_an_attachment_never_inline(string type, string mimeType, string content, string? filename)
    {
        var (customer, messageId, _) = await fixture.InjectMediaAsync(type, mimeType, Encoding.UTF8.GetBytes(content), filename: filename);
        using var api = fixture.Cluster.CreateClient();
        Assert.Equal("stored", (await fixture.EventuallyMediaAsync(api, customer, messageId, status => status != "pending")).GetProperty("status").GetString());

        using var served = await api.GetAsync(MediaCluster.MediaPath(customer, messageId));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_is_served_in_ranges()
    {
        var audio = new byte[4096];
        "OggS"u8.CopyTo(audio);
        RandomNumberGenerator.Fill(audio.AsSpan(4));
        var (customer, messageId, _) = await fixture.InjectMediaAsync("audio", "audio/ogg", audio);
        using var api = fixture.Cluster.CreateClient();
        Assert.Equal("stored", (await fixture.EventuallyMediaAsync(api, customer, messageId, status => status != "pending")).GetProperty("status").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, MediaCluster.MediaPath(customer, messageId));
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var partial = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(audio[100..200], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", partial.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task An_uploaded_png_gets_a_media_id_and_bad_uploads_are_refused_without_storing()
    {
        using var api = fixture.Cluster.CreateClient();
        var uploadsBefore = await UploadedAtMetaAsync();

        using var good = await UploadAsync(api, Png, "image/png", "receipt.png");
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var uploaded = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(uploaded.GetProperty("id").GetString()));
        Assert.Equal("image/png", uploaded.GetProperty("mimeType").GetString());
        Assert.Equal(Png.Length, uploaded.GetProperty("size").GetInt64());
        Assert.Equal(Sha256(Png), uploaded.GetProperty("sha256").GetString());

        // An executable declared as a PNG, an empty file, an image over Meta's 5 MB.
        var exe = new byte[512];
        "MZ"u8.CopyTo(exe);
        var huge = new byte[(5 * 1024 * 1024) + 1];
        Png.CopyTo(huge, 0);
        using var executable = await UploadAsync(api, exe, "image/png", "photo.png");
        using var empty = await UploadAsync(api, [], "image/png", "empty.png");
        using var tooLarge = await UploadAsync(api, huge, "image/png", "huge.png");
        using var reader = fixture.CreateReadOnlyClient();
        using var readOnly = await UploadAsync(reader, Png, "image/png", "receipt.png");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, executable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("file", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal(uploadsBefore + 1, await UploadedAtMetaAsync());
        Assert.False(await UploadKeptAsync(exe));
        Assert.False(await UploadKeptAsync(huge));
        Assert.True(await UploadKeptAsync(Png));
    }

    [Fact]
    public async Task A_200_mb_upload_is_refused_from_its_length_without_being_stored_or_sent()
    {
        using var api = fixture.Cluster.CreateClient();
        var uploadsBefore = await UploadedAtMetaAsync();
        var objectsBefore = await UploadedObjectsAsync();

        // 200 MB generated as it is sent (never held in memory); a PNG signature so only its size is wrong.
        var file = new StreamContent(new GeneratedFile(200L * 1024 * 1024, Png));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "huge.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/businesses/{MediaCluster.PhoneNumberId}/media") { Content = form };
        request.Headers.ExpectContinue = true;
        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("file", problem.GetProperty("field").GetString());
        Assert.Contains("too large", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(uploadsBefore, await UploadedAtMetaAsync());
        Assert.Equal(objectsBefore, await UploadedObjectsAsync());
    }

    [Fact]
    public async Task An_uploaded_png_is_sent_by_its_id_and_once_meta_s_copy_expires_it_is_uploaded_again_and_sent()
    {
        var customer = await fixture.InjectInboundAsync(MediaCluster.PhoneNumberId, "Can you send me the receipt?");
        using var api = fixture.Cluster.CreateClient();
        using var upload = await UploadAsync(api, Png, "image/png", "receipt.png");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var firstId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Sent by the id within its 30 days: Meta takes it as it is.
        var first = await SendImageAsync(api, customer, firstId, "receipt-1");
        Assert.Equal("sent", await SentAsync(api, customer, first));

        // Meta's copy expires; the next send by that id is refused, and WaApp uploads the kept file again and resends.
        using (var expire = await fixture.Simulator.PostAsync($"/simulator/media/{firstId}/expire", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        }

        var second = await SendImageAsync(api, customer, firstId, "receipt-2");
        Assert.Equal("sent", await SentAsync(api, customer, second));

        var sends = (await fixture.RequestsAsync(customer))
            .Select(request => (Id: (string?)JsonNode.Parse(request.GetProperty("body").GetString()!)!["image"]?["id"], Error: request.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : (int?)null))
            .Where(send => send.Id is not null)
            .ToList();
        Assert.Equal(3, sends.Count);
        Assert.Equal([(firstId, null), (firstId, 131053)], sends.Take(2).Select(send => (send.Id!, send.Error)));
        var newId = sends[2].Id!;
        Assert.NotEqual(firstId, newId);
        Assert.Null(sends[2].Error);
        var media = (await fixture.Simulator.GetFromJsonAsync<JsonElement[]>("/simulator/media"))!;
        Assert.Equal(Sha256(Png), media.Single(item => item.GetProperty("id").GetString() == newId).GetProperty("sha256").GetString());

        // The message's history says what happened.
        var events = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{MediaCluster.PhoneNumberId}/{customer}/events?limit=200");
        var reuploaded = events.GetProperty("items").EnumerateArray().Select(item => item.GetRawText()).Where(json => json.Contains(newId, StringComparison.Ordinal)).ToList();
        var recorded = Assert.Single(reuploaded);
        Assert.Contains(firstId, recorded, StringComparison.Ordinal);
        Assert.Contains(second, recorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_killed_during_a_download_stores_the_file_after_it_restarts()
    {
        // Meta holds the first download for 40 s: the silo dies in the middle of it.
        await fixture.AddMediaFaultAsync("Timeout");
        var (customer, messageId, mediaId) = await fixture.InjectMediaAsync("image", "image/png", Png);
        await MediaCluster.EventuallyAsync(async () => await fixture.PendingMediaFaultsAsync() == 0, "the download to start");

        await fixture.Cluster.KillSiloAsync(0);
        await fixture.Cluster.StartSiloAsync(0);

        // The fetch's reminder (every minute) resumes it on the new silo.
        using var api = fixture.Cluster.CreateClient();
        var media = await fixture.EventuallyMediaAsync(api, customer, messageId, status => status != "pending", TimeSpan.FromMinutes(4));
        Assert.Equal("stored", media.GetProperty("status").GetString());
        Assert.Equal(1, await ObjectsAsync(mediaId));
    }

    private async Task<int> ObjectsAsync(string mediaId)
    {
        using var s3 = fixture.Cluster.S3!.CreateClient();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = fixture.Cluster.Settings["Media__BucketName"],
            Prefix = $"media/{MediaCluster.PhoneNumberId}/in/{mediaId}",
        });
        return listed.S3Objects?.Count ?? 0;
    }

    private static async Task<string> SendImageAsync(HttpClient api, string customer, string mediaId, string idempotencyKey)
    {
        using var send = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{MediaCluster.PhoneNumberId}/{customer}/messages")
        {
            Content = JsonContent.Create(new JsonObject { ["type"] = "image", ["image"] = new JsonObject { ["id"] = mediaId, ["caption"] = "Your receipt" } }),
        };
        send.Headers.Add("Idempotency-Key", idempotencyKey + "-" + customer);
        using var response = await api.SendAsync(send);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The message's status once Meta answered it for good: sent (or later), failed or unknown.</summary>
    private async Task<string> SentAsync(HttpClient api, string customer, string messageId)
    {
        var message = await fixture.EventuallyMessageAsync(api, customer, messageId, status => status is not ("queued" or "accepted"), TimeSpan.FromSeconds(60));
        var status = message.GetProperty("status").GetString()!;
        return status is "delivered" or "read" ? "sent" : status;
    }

    /// <summary>Whether the bucket keeps an upload of exactly these bytes.</summary>
    private async Task<bool> UploadKeptAsync(byte[] bytes)
    {
        using var s3 = fixture.Cluster.S3!.CreateClient();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = fixture.Cluster.Settings["Media__BucketName"],
            Prefix = $"media/{MediaCluster.PhoneNumberId}/out/{Convert.ToHexStringLower(SHA256.HashData(bytes))}",
        });
        return (listed.S3Objects?.Count ?? 0) > 0;
    }

    private async Task<int> UploadedObjectsAsync()
    {
        using var s3 = fixture.Cluster.S3!.CreateClient();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = fixture.Cluster.Settings["Media__BucketName"],
            Prefix = $"media/{MediaCluster.PhoneNumberId}/out/",
        });
        return listed.S3Objects?.Count ?? 0;
    }

    private async Task<int> UploadedAtMetaAsync()
    {
        var all = await fixture.Simulator.GetFromJsonAsync<JsonElement[]>("/simulator/media");
        return all!.Count(item => item.GetProperty("uploaded").GetBoolean());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient api, byte[] bytes, string mimeType, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(mimeType);
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        return await api.PostAsync($"/api/v1/businesses/{MediaCluster.PhoneNumberId}/media", form);
    }

    private static string Sha256(byte[] bytes) => Convert.ToBase64String(SHA256.HashData(bytes));

    // The same message as the simulator's webhook (Meta's messages envelope), to deliver it again.
    private static string MediaWebhook(string customer, string messageId, string mediaId, string sha256) => new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = "104857362918475",
            ["changes"] = new JsonArray(new JsonObject
            {
                ["field"] = "messages",
                ["value"] = new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["metadata"] = new JsonObject { ["display_phone_number"] = "15550001234", ["phone_number_id"] = MediaCluster.PhoneNumberId },
                    ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Ana" }, ["wa_id"] = customer }),
                    ["messages"] = new JsonArray(new JsonObject
                    {
                        ["from"] = customer,
                        ["id"] = messageId,
                        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                        ["type"] = "image",
                        ["image"] = new JsonObject { ["mime_type"] = "image/png", ["sha256"] = sha256, ["id"] = mediaId },
                    }),
                },
            }),
        }),
    }.ToJsonString();

    /// <summary>A file of any length made up as it is read: <paramref name="head"/> then zeros. Seekable, so its length is sent.</summary>
    private sealed class GeneratedFile(long length, byte[] head) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            if (n <= 0)
            {
                return 0;
            }

            Array.Clear(buffer, offset, n);
            for (var i = 0; i < n && _position + i < head.Length; i++)
            {
                buffer[offset + i] = head[_position + i];
            }

            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
