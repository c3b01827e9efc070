using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// The simulated-Meta cluster with a local S3 (s3rver) for media, quick fetch retries, and a read-only key. Its
/// download timeout fault holds a download for 40 s, so a silo can be killed in the middle of one.
/// </summary>
public sealed class MediaCluster : SimulatedMetaCluster
{
    public const string PhoneNumberId = "117283940561728";
    public const string ReadOnlyKey = "e2e-read-only-key-5a9e31";

    protected override bool WithMedia => true;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Api__ReadOnlyKeys__0"] = ReadOnlyKey,
        ["Media__Fetch__FirstRetryDelay"] = "00:00:00.300",
        ["Media__Fetch__MaxRetryDelay"] = "00:00:01",
    };

    public HttpClient CreateReadOnlyClient()
    {
        var client = Cluster.CreateClient(authenticated: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReadOnlyKey);
        return client;
    }

    /// <summary>A new customer sends a file through the simulator; answers the customer, the wamid and Meta's media id.</summary>
    public async Task<(string Customer, string MessageId, string MediaId)> InjectMediaAsync(
        string type, string mimeType, byte[] bytes, string? caption = null, string? filename = null)
    {
        var customer = NewCustomer();
        using var response = await Simulator.PostAsJsonAsync("/simulator/inbound", new
        {
            phoneNumberId = PhoneNumberId,
            from = customer,
            name = "Ana",
            type,
            media = new { mimeType, base64 = Convert.ToBase64String(bytes), caption, filename },
        });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, answer.GetProperty("webhookStatus").GetInt32());
        return (customer, answer.GetProperty("messageId").GetString()!, answer.GetProperty("mediaId").GetString()!);
    }

    public async Task AddMediaFaultAsync(string kind, int count = 1)
    {
        using var response = await Simulator.PostAsJsonAsync("/simulator/media/faults", new { kind, count });
        response.EnsureSuccessStatusCode();
    }

    public async Task<int> PendingMediaFaultsAsync() =>
        (await Simulator.GetFromJsonAsync<JsonElement>("/simulator/media/faults")).GetProperty("pending").GetInt32();

    /// <summary>How often Meta's copy of <paramref name="mediaId"/> was downloaded.</summary>
    public async Task<int> DownloadsAsync(string mediaId)
    {
        var all = await Simulator.GetFromJsonAsync<JsonArray>("/simulator/media");
        return all!.Where(item => (string?)item!["id"] == mediaId).Select(item => (int)item!["downloads"]!).SingleOrDefault();
    }

    /// <summary>The message's <c>media</c> once its status satisfies <paramref name="done"/>.</summary>
    public async Task<JsonElement> EventuallyMediaAsync(HttpClient api, string customer, string messageId, Func<string, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{PhoneNumberId}/{customer}/messages");
                var message = page.GetProperty("items").EnumerateArray().FirstOrDefault(item => item.GetProperty("id").GetString() == messageId);
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("media", out var media))
                {
                    last = media.GetProperty("status").GetString();
                    if (last is not null && done(last))
                    {
                        return media;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // The cluster may still be recovering from a killed silo.
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"The media of {messageId} ended as '{last}'.{Environment.NewLine}{Cluster.Diagnostics()}");
    }

    public static string MediaPath(string customer, string messageId) => $"/api/v1/conversations/{PhoneNumberId}/{customer}/messages/{Uri.EscapeDataString(messageId)}/media";
}
