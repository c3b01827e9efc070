using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// Sending through real processes: the Cloud API simulator stands in for Meta (sends and signed webhooks), the
/// gateway takes REST sends, the silo's sender calls the simulator.
/// </summary>
public sealed class SendingTests(SimulatedMetaCluster fixture) : IClassFixture<SimulatedMetaCluster>
{
    private const string PhoneNumberId = "117283940561728";

    [Fact]
    public async Task A_reply_to_an_inbound_message_is_sent_once_per_idempotency_key_and_moves_through_sent_delivered_read()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Hi, where is my order?");
        using var api = fixture.Cluster.CreateClient();

        using var first = await SendAsync(api, customer, "reply-1", "It ships today.");
        using var again = await SendAsync(api, customer, "reply-1", "It ships today.");

        Assert.True(first.StatusCode == HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        // The simulator posts signed sent, delivered and read webhooks for the wamid; the gateway applies them.
        var message = await fixture.EventuallyMessageAsync(api, customer, id, status => status == "read");
        Assert.Equal("outbound", message.GetProperty("direction").GetString());
        var times = message.GetProperty("statusTimes");
        Assert.True(times.GetProperty("sent").GetDateTimeOffset() <= times.GetProperty("delivered").GetDateTimeOffset());
        Assert.True(times.GetProperty("delivered").GetDateTimeOffset() <= times.GetProperty("read").GetDateTimeOffset());
        Assert.Equal(id, ParseCallbackData(Assert.Single(await fixture.RequestsAsync(customer)).GetProperty("body").GetString()!));
    }

    [Fact]
    public void The_silo_sends_to_the_simulator_and_nowhere_else() =>
        Assert.Equal(fixture.SimulatorUrl, fixture.Cluster.GraphApiBaseUrl(0));

    [Fact]
    public async Task Free_form_text_outside_the_window_gets_a_409_that_asks_for_a_template()
    {
        var customer = SimulatedMetaCluster.NewCustomer();
        using var api = fixture.Cluster.CreateClient();

        using var response = await SendAsync(api, customer, "cold-1", "Hello there");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("template", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("needsTemplate").GetBoolean());
        Assert.Empty(await fixture.RequestsAsync(customer));
    }

    [Fact]
    public async Task A_silo_killed_between_queue_and_answer_leaves_the_message_unknown_and_not_sent_twice()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Please call me back");
        using var api = fixture.Cluster.CreateClient();
        // Meta holds the answer (and sends nothing): only a person can know whether to send again.
        await fixture.AddFaultAsync("TimeoutBeforeAccept");

        using var queued = await SendAsync(api, customer, "crash-1", "We will call you at 5.");
        var id = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await SimulatedMetaCluster.EventuallyAsync(async () => (await fixture.RequestsAsync(customer)).Count == 1, "the send to reach Meta");
        await fixture.Cluster.KillSiloAsync(0);
        await fixture.Cluster.StartSiloAsync(0);

        await fixture.EventuallyMessageAsync(api, customer, id, status => status == "unknown", TimeSpan.FromSeconds(60));
        // Not sent again: the sender has nothing left to send (queue empty, no request in flight), and Meta saw one.
        await using (var inspector = await ClusterInspector.ConnectAsync(fixture.Cluster))
        {
            await inspector.WaitUntilSenderIdleAsync(PhoneNumberId, TimeSpan.FromSeconds(30));
        }

        Assert.Single(await fixture.RequestsAsync(customer));

        // A person decides to send it again.
        using var retry = await api.PostAsync($"{MessagesPath(customer)}/{id}/retry", content: null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await fixture.EventuallyMessageAsync(api, customer, id, status => status == "read");
        Assert.Equal(2, (await fixture.RequestsAsync(customer)).Count);
    }

    [Fact]
    public async Task Bad_send_requests_get_400_naming_the_field_and_change_nothing()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Hello");
        using var api = fixture.Cluster.CreateClient();

        using var noKey = await api.PostAsJsonAsync(MessagesPath(customer), new { text = "Hi" });
        using var both = await SendJsonAsync(api, customer, "bad-1", new { text = "Hi", template = new { name = "t", language = "en_US" } });
        using var tooLong = await SendJsonAsync(api, customer, "bad-2", new { text = new string('x', 4097) });

        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("idempotencyKey", await noKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("4096", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await api.GetFromJsonAsync<JsonElement>(MessagesPath(customer));
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.Empty(await fixture.RequestsAsync(customer));
    }

    private static Task<HttpResponseMessage> SendJsonAsync(HttpClient api, string customer, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MessagesPath(customer)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    private static string MessagesPath(string customer) => $"/api/v1/conversations/{PhoneNumberId}/{customer}/messages";

    private static Task<HttpResponseMessage> SendAsync(HttpClient api, string customer, string key, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MessagesPath(customer)) { Content = JsonContent.Create(new { text }) };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    private static string? ParseCallbackData(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("biz_opaque_callback_data").GetString();
}
