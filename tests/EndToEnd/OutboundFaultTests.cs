using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WaApp.EndToEnd;

/// <summary>
/// Outbound under faults, through real processes: for a while the simulator answers sends with 500s, 502s and
/// timeouts (before and after accepting). No message may reach Meta twice, and every message must end in a final
/// state an agent can act on: sent (or further), failed, or unknown.
/// </summary>
public sealed class OutboundFaultTests(OutboundFaultTests.FaultyMeta fixture) : IClassFixture<OutboundFaultTests.FaultyMeta>
{
    private const string PhoneNumberId = "117283940561728";
    private const int Customers = 4;
    private const int MessagesPerCustomer = 5;

    // A send that Meta may have received: after one of these, a second request for the same message is a double send.
    private static readonly HashSet<string?> MaybeDelivered = [null, "BadGateway", "TimeoutBeforeAccept", "TimeoutAfterAccept"];

    private static readonly HashSet<string> Final = ["sent", "delivered", "read", "failed", "unknown"];

    [Fact]
    public async Task Sends_during_500s_and_timeouts_are_never_sent_twice_and_all_end_sent_failed_or_unknown()
    {
        var customers = new List<string>();
        for (var i = 0; i < Customers; i++)
        {
            customers.Add(await fixture.InjectInboundAsync(PhoneNumberId, "I need help with my order"));
        }

        await fixture.AddFaultAsync("ServerError", 6);
        await fixture.AddFaultAsync("BadGateway", 2);
        await fixture.AddFaultAsync("TimeoutBeforeAccept", 2);
        await fixture.AddFaultAsync("TimeoutAfterAccept", 2);
        await fixture.AddFaultAsync("ServerError", 2);

        using var api = fixture.Cluster.CreateClient();
        var sent = new List<(string Customer, string Id)>();
        foreach (var customer in customers)
        {
            for (var i = 0; i < MessagesPerCustomer; i++)
            {
                var key = $"fault-{customer}-{i}";
                var id = await SendAsync(api, customer, key, $"Update {i} on your order");
                // An agent's client that retries its POST (lost answer) must not queue the message again.
                Assert.Equal(id, await SendAsync(api, customer, key, $"Update {i} on your order", HttpStatusCode.OK));
                sent.Add((customer, id));
            }
        }

        var outcomes = new Dictionary<string, string>();
        foreach (var (customer, id) in sent)
        {
            var message = await fixture.EventuallyMessageAsync(api, customer, id, Final.Contains, TimeSpan.FromSeconds(90));
            outcomes[id] = message.GetProperty("status").GetString()!;
        }

        foreach (var customer in customers)
        {
            var requests = await fixture.RequestsAsync(customer);
            foreach (var (_, id) in sent.Where(pair => pair.Customer == customer))
            {
                var attempts = requests.Where(request => CallbackData(request) == id).Select(Fault).ToList();
                Assert.NotEmpty(attempts);
                // Only a definite refusal (500 with a Graph error) may be followed by another attempt.
                Assert.All(attempts.SkipLast(1), fault => Assert.Equal("ServerError", fault));
                var last = attempts[^1];
                var status = outcomes[id];
                if (last is null)
                {
                    Assert.Contains(status, new[] { "sent", "delivered", "read" });
                }
                else if (last == "TimeoutAfterAccept")
                {
                    // Meta accepted it; its status webhooks (which echo our id) resolve the unknown.
                    Assert.Contains(status, new[] { "unknown", "sent", "delivered", "read" });
                }
                else if (MaybeDelivered.Contains(last))
                {
                    Assert.Equal("unknown", status);
                }
                else
                {
                    Assert.Equal("failed", status);
                }
            }
        }

        var faulted = sent.Count(pair => outcomes[pair.Id] is "unknown" or "failed");
        Assert.InRange(faulted, 4, 9);
        Assert.Contains(outcomes.Values, status => status is "sent" or "delivered" or "read");
    }

    private static async Task<string> SendAsync(HttpClient api, string customer, string key, string text, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{PhoneNumberId}/{customer}/messages")
        {
            Content = JsonContent.Create(new { text }),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await api.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static string? CallbackData(JsonElement request) =>
        JsonDocument.Parse(request.GetProperty("body").GetString()!).RootElement.TryGetProperty("biz_opaque_callback_data", out var data) ? data.GetString() : null;

    private static string? Fault(JsonElement request) =>
        request.TryGetProperty("fault", out var fault) && fault.ValueKind == JsonValueKind.String ? fault.GetString() : null;

    /// <summary>The silo waits 3 s for Meta; the simulator's timeout faults hold a send for 6 s.</summary>
    public sealed class FaultyMeta() : SimulatedMetaCluster(requestTimeout: TimeSpan.FromSeconds(3), faultTimeout: TimeSpan.FromSeconds(6));
}
