using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class ConversationApiTests(ApiClusterFixture fixture)
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.UtcNow.AddMinutes(-30);

    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Agent_actions_change_the_summary_and_are_in_the_event_history()
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        await PostAsync(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", SentAt), new(waId, $"wamid.{waId}.2", "hello?", SentAt.AddMinutes(1))]);
        using var client = _cluster.CreateClient();
        var path = $"/api/v1/conversations/{phoneNumberId}/{waId}";

        var summary = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);
        var read = await ApiJson.ReadAsync(await client.PostAsync($"{path}/read", ApiJson.Content("""{ "upToSequence": 1 }""")), HttpStatusCode.OK);
        var assigned = await ApiJson.ReadAsync(await client.PostAsync($"{path}/assign", ApiJson.Content("""{ "agent": "ana" }""")), HttpStatusCode.OK);
        var closed = await ApiJson.ReadAsync(await client.PostAsync($"{path}/close", null), HttpStatusCode.OK);
        var reopened = await ApiJson.ReadAsync(await client.PostAsync($"{path}/reopen", null), HttpStatusCode.OK);
        var allRead = await ApiJson.ReadAsync(await client.PostAsync($"{path}/read", null), HttpStatusCode.OK);
        var history = await ApiJson.ReadAsync(await client.GetAsync($"{path}/events?limit=4"), HttpStatusCode.OK);
        var rest = await ApiJson.ReadAsync(await client.GetAsync($"{path}/events?from={history.GetProperty("next").GetInt32()}"), HttpStatusCode.OK);

        Assert.Equal(2, summary.GetProperty("unreadCount").GetInt32());
        Assert.Equal(SentAt.AddMinutes(1).AddHours(24).ToUnixTimeSeconds(), summary.GetProperty("windowExpiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.True(summary.GetProperty("windowOpen").GetBoolean());
        Assert.Equal(1, read.GetProperty("unreadCount").GetInt32());
        Assert.Equal("ana", assigned.GetProperty("assignedTo").GetString());
        Assert.False(closed.GetProperty("isOpen").GetBoolean());
        Assert.True(reopened.GetProperty("isOpen").GetBoolean());
        Assert.Equal(0, allRead.GetProperty("unreadCount").GetInt32());
        var types = history.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray())
            .Select(item => item.GetProperty("type").GetString()).ToList();
        Assert.Equal(
            ["conversation.message-received.v1", "conversation.message-received.v1", "conversation.marked-read.v1", "conversation.assigned.v1",
             "conversation.closed.v1", "conversation.reopened.v1", "conversation.marked-read.v1"],
            types);
        Assert.Equal("api-key-0", rest.GetProperty("items")[0].GetProperty("event").GetProperty("by").GetString());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/events")]
    [InlineData("GET", "/messages")]
    [InlineData("POST", "/assign")]
    [InlineData("POST", "/close")]
    [InlineData("POST", "/reopen")]
    [InlineData("POST", "/read")]
    public async Task An_unknown_conversation_is_a_404_problem_and_stays_unknown(string method, string suffix)
    {
        using var client = _cluster.CreateClient();
        var path = $"/api/v1/conversations/{TextWebhooks.NewPhoneNumberId()}/{TextWebhooks.NewWaId()}";

        using var request = new HttpRequestMessage(new HttpMethod(method), path + suffix) { Content = suffix == "/assign" ? ApiJson.Content("""{ "agent": "ana" }""") : null };
        using var response = await client.SendAsync(request);
        var problem = await ApiJson.ReadAsync(response, HttpStatusCode.NotFound);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/assign", """{ "agent": "   " }""", "agent")]
    [InlineData("/read", """{ "upToSequence": 0 }""", "upToSequence")]
    [InlineData("/events?limit=0", null, "limit")]
    [InlineData("/events?from=-1", null, "from")]
    [InlineData("/messages?after=x", null, "after")]
    [InlineData("/messages?after=1&before=3", null, "after")]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing(string suffix, string? body, string field)
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        await PostAsync(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", SentAt)]);
        using var client = _cluster.CreateClient();
        var path = $"/api/v1/conversations/{phoneNumberId}/{waId}";
        var before = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        using var response = body is null ? await client.GetAsync(path + suffix) : await client.PostAsync(path + suffix, ApiJson.Content(body));
        var problem = await ApiJson.ReadAsync(response, HttpStatusCode.BadRequest);
        var after = await ApiJson.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal([field], ApiJson.ErrorFields(problem));
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/events")]
    [InlineData("POST", "/assign")]
    [InlineData("POST", "/close")]
    [InlineData("POST", "/reopen")]
    [InlineData("POST", "/read")]
    public async Task Calls_without_a_valid_key_are_401(string method, string suffix)
    {
        using var anonymous = _cluster.CreateClient(authenticated: false);
        using var wrongKey = _cluster.CreateClient(authenticated: false);
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key-123456");

        foreach (var client in new[] { anonymous, wrongKey })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/conversations/117283940561728/14155550123{suffix}");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_welcome_message_is_queued_in_the_outbox_for_a_first_contact()
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        using var client = _cluster.CreateClient();
        await ApiJson.ReadAsync(
            await client.PutAsync($"/api/v1/businesses/{phoneNumberId}/settings", ApiJson.Content("""{ "welcomeMessage": "Welcome to Acme!" }""")),
            HttpStatusCode.OK);

        await PostAsync(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", SentAt)]);
        var messages = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/conversations/{phoneNumberId}/{waId}/messages"), HttpStatusCode.OK);

        var items = messages.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(("outbound", "Welcome to Acme!"), (items[1].GetProperty("direction").GetString(), items[1].GetProperty("text").GetString()));
        Assert.StartsWith("waapp.auto.0.", items[1].GetProperty("id").GetString(), StringComparison.Ordinal);
        // This test cluster has no Graph API: the reply is queued, or unknown once the sender could not be reached.
        Assert.Contains(items[1].GetProperty("status").GetString(), new[] { "queued", "unknown" });
    }

    [Fact]
    public async Task Message_pages_stay_stable_both_ways_while_new_messages_arrive()
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        await PostAsync(phoneNumberId, [.. Enumerable.Range(1, 10).Select(i => new TextWebhooks.Text(waId, $"wamid.{waId}.{i}", $"m{i}", SentAt.AddSeconds(i)))]);
        using var client = _cluster.CreateClient();
        var path = $"/api/v1/conversations/{phoneNumberId}/{waId}/messages";

        var newest = await ApiJson.ReadAsync(await client.GetAsync($"{path}?limit=4"), HttpStatusCode.OK);
        var older = new List<string>();
        var next = newest.GetProperty("next").GetString();
        var arrived = 11;
        while (next is not null)
        {
            // A new message arrives between every two page requests.
            await PostAsync(phoneNumberId, [new(waId, $"wamid.{waId}.{arrived}", $"m{arrived}", SentAt.AddSeconds(arrived))]);
            arrived++;
            var page = await ApiJson.ReadAsync(await client.GetAsync($"{path}?limit=4&before={next}"), HttpStatusCode.OK);
            older.InsertRange(0, Texts(page));
            next = page.GetProperty("next").GetString();
        }

        var newer = await ApiJson.ReadAsync(await client.GetAsync($"{path}?limit=50&after={newest.GetProperty("newer").GetString()}"), HttpStatusCode.OK);

        Assert.Equal(["m7", "m8", "m9", "m10"], Texts(newest));
        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6"], older);
        Assert.Equal(Enumerable.Range(11, arrived - 11).Select(i => $"m{i}"), Texts(newer));
    }

    [Fact]
    public async Task Conversation_list_pages_neither_repeat_nor_skip_while_new_messages_arrive()
    {
        var phoneNumberId = TextWebhooks.NewPhoneNumberId();
        var contacts = Enumerable.Range(0, 24).Select(_ => TextWebhooks.NewWaId()).ToList();
        foreach (var batch in contacts.Select((waId, i) => new TextWebhooks.Text(waId, $"wamid.{waId}.1", "hi", SentAt.AddSeconds(i))).Chunk(8))
        {
            await PostAsync(phoneNumberId, batch);
        }

        using var client = _cluster.CreateClient();
        var listPath = $"/api/v1/businesses/{phoneNumberId}/conversations";
        await WaitUntilAsync(async () => (await ApiJson.ReadAsync(await client.GetAsync($"{listPath}?limit=200"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength() == contacts.Count);

        var seen = new List<string>();
        var touched = new HashSet<string>();
        string? cursor = null;
        var round = 0;
        do
        {
            var page = await ApiJson.ReadAsync(await client.GetAsync($"{listPath}?limit=5" + (cursor is null ? string.Empty : $"&cursor={cursor}")), HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("contactId").GetString()!));
            cursor = page.GetProperty("next").GetString();

            // Between pages, one conversation already listed and one not yet listed get a new message.
            var mover = contacts[(round * 7) % contacts.Count];
            touched.Add(mover);
            await PostAsync(phoneNumberId, [new(mover, $"wamid.{mover}.r{round}", "again", DateTimeOffset.UtcNow)]);
            round++;
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(contacts.Where(contact => !touched.Contains(contact)), contact => Assert.Contains(contact, seen));
    }

    [Fact]
    public async Task Business_counters_and_the_inbox_list_survive_a_silo_crash_right_after_the_webhooks_are_acknowledged()
    {
        var phoneNumberId = TextWebhooks.NewPhoneNumberId();
        var messages = Enumerable.Range(0, 12).Select(i =>
        {
            var waId = $"1555000{i % 3:0000}";
            return new TextWebhooks.Text(waId, $"wamid.{phoneNumberId}.{i}", $"m{i}", SentAt.AddSeconds(i));
        }).ToList();

        // Acknowledged means stored; the business has not written its counters yet (it writes every second). The
        // crash comes at once: what it held only in memory is read back from the conversations after the restart.
        await PostAsync(phoneNumberId, messages[..6]);
        await PostAsync(phoneNumberId, messages[6..]);
        await _cluster.KillSiloAsync(0);
        await _cluster.StartSiloAsync(0);

        using var client = _cluster.CreateClient();
        var path = $"/api/v1/businesses/{phoneNumberId}";
        var listPath = $"{path}/conversations?limit=50";
        JsonElement after;
        JsonElement listed;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            after = await WaitForAsync(client, path);
            listed = await WaitForAsync(client, listPath);
            if ((after.GetProperty("counters").GetProperty("messagesIn").GetInt64() >= 12 && listed.GetProperty("items").GetArrayLength() >= 3)
                || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        // Exact: nothing lost, nothing counted twice.
        Assert.Equal(12, after.GetProperty("counters").GetProperty("messagesIn").GetInt64());
        Assert.Equal(12, after.GetProperty("counters").GetProperty("byType").GetProperty("text").GetInt64());
        Assert.Equal(3, after.GetProperty("conversations").GetInt32());
        Assert.Equal(
            ["15550000000", "15550000001", "15550000002"],
            listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("contactId").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(listed.GetProperty("items").EnumerateArray(), item => Assert.Equal(4, item.GetProperty("unreadCount").GetInt32()));
    }

    private async Task PostAsync(string phoneNumberId, IEnumerable<TextWebhooks.Text> messages)
    {
        using var response = await _cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, messages));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static List<string> Texts(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("text").GetString()!)];

    private static async Task<long> MessagesInAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return -1;
        }

        var body = await ApiJson.ReadAsync(response, HttpStatusCode.OK);
        return body.GetProperty("counters").GetProperty("messagesIn").GetInt64();
    }

    // After a silo restart the gateway needs a moment to reconnect: retry until the business answers.
    private static async Task<JsonElement> WaitForAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await ApiJson.ReadAsync(response, HttpStatusCode.OK);
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} did not answer 200 within 60 seconds.");
            await Task.Delay(250);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met within 30 seconds.");
            await Task.Delay(100);
        }
    }
}
