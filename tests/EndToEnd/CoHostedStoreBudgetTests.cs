using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// The co-hosted server (the gateway inside the silo) as operators run it, and what a webhook costs the store there,
/// counted by the host's own DynamoDB request counter on <c>/metrics</c> (the figure the bench reads).
/// </summary>
public sealed partial class CoHostedStoreBudgetTests : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(coHosted: true);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_new_customers_first_message_reads_nothing_and_writes_once_and_a_warm_message_writes_once()
    {
        const string phoneNumberId = "117283940561728";
        var from = "1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        // The number's business grain activates once per silo lifetime and then looks in the activity index for what
        // a crash may have lost (a few Query requests): another customer's message brings it up before the count.
        var other = "1556" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var initial = await EventsTableRequestsAsync();
        using (var warmUp = await _cluster.PostWebhookAsync(WebhookBodies.Texts(phoneNumberId, [new(other, $"wamid.{other}.1", "Hello", sentAt)])))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        var before = await EventsTableRequestsChangedFromAsync(initial);

        using (var first = await _cluster.PostWebhookAsync(WebhookBodies.Texts(phoneNumberId, [new(from, $"wamid.{from}.1", "Hi", sentAt)])))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var afterFirst = await EventsTableRequestsChangedFromAsync(before);
        using (var second = await _cluster.PostWebhookAsync(WebhookBodies.Texts(phoneNumberId, [new(from, $"wamid.{from}.2", "Again", sentAt.AddSeconds(5))])))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var afterSecond = await EventsTableRequestsChangedFromAsync(afterFirst);

        // Events (conversation and contact streams) live in one table; timers write elsewhere (business, membership).
        Assert.Equal(new Dictionary<string, double> { ["PutItem"] = 1 }, Delta(before, afterFirst));
        // The second delta also covers whatever the first message caused after its 200 (a contact write would show).
        Assert.Equal(new Dictionary<string, double> { ["PutItem"] = 1 }, Delta(afterFirst, afterSecond));

        // Both messages through the REST API of the same process: the co-hosted gateway serves what its silo stored.
        // (Measured after the webhooks: REST names a customer by any id, which costs one alias-index read.)
        using var api = _cluster.CreateClient();
        using var page = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/conversations/{phoneNumberId}/{from}/messages"));
        Assert.Equal(["Hi", "Again"], page.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("text").GetString()));

        // The customer's contact is derived from the conversation when it is read (once the business number is in the
        // directory, written on the business's flush timer).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var profile = await ContactAsync(api, from);
        while (profile is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The contact never appeared." + Environment.NewLine + _cluster.Diagnostics());
            await Task.Delay(200);
            profile = await ContactAsync(api, from);
        }

        Assert.Equal($"Customer {from}", profile.Value.GetProperty("profileName").GetString());
        Assert.Equal(from, profile.Value.GetProperty("waId").GetString());
        Assert.Equal(phoneNumberId, profile.Value.GetProperty("conversations")[0].GetProperty("phoneNumberId").GetString());
    }

    private static async Task<JsonElement?> ContactAsync(HttpClient api, string contactId)
    {
        using var response = await api.GetAsync($"/api/v1/contacts/{contactId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return body.GetProperty("conversations").GetArrayLength() > 0 ? body : null;
    }

    // The scrape endpoint may answer from a short cache: read until the counters moved (each webhook stored something).
    private async Task<Dictionary<string, double>> EventsTableRequestsChangedFromAsync(Dictionary<string, double> previous)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var current = await EventsTableRequestsAsync();
        while (Delta(previous, current).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The DynamoDB request counters never moved.");
            await Task.Delay(100);
            current = await EventsTableRequestsAsync();
        }

        return current;
    }

    private static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.Select(entry => (entry.Key, Value: entry.Value - before.GetValueOrDefault(entry.Key)))
            .Where(entry => entry.Value != 0)
            .ToDictionary(entry => entry.Key, entry => entry.Value);

    // waapp_dynamodb_requests_total{...,operation="PutItem",table="{prefix}Events"} 3, per operation on the events table.
    private async Task<Dictionary<string, double>> EventsTableRequestsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var metrics = await http.GetStringAsync($"{_cluster.GatewayManagementUrl}/metrics");
        var table = _cluster.Settings["DynamoDB__TablePrefix"] + "Events";
        return RequestLine().Matches(metrics)
            .Where(match => match.Groups["table"].Value == table)
            .GroupBy(match => match.Groups["operation"].Value)
            .ToDictionary(group => group.Key, group => group.Sum(match => double.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex("""^waapp_dynamodb_requests_total\{[^}]*operation="(?<operation>[^"]*)"[^}]*table="(?<table>[^"]*)"[^}]*\} (?<count>\S+)""", RegexOptions.Multiline)]
    private static partial Regex RequestLine();
}
