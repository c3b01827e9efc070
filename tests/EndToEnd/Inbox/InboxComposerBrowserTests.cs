using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd.Inbox;

/// <summary>
/// What an agent does in the inbox beyond plain text, in a real headless Chromium against real processes: a customer's
/// call shows up in the conversation, a reply quotes the customer's message, a reaction and quick reply buttons reach
/// Meta, and a synced template is filled in, previewed and sent. What reaches the simulator is compared with the
/// bodies Meta documents for each message type (Cloud API "Messages" reference), not with our own client's output.
/// </summary>
public sealed class InboxComposerBrowserTests(SimulatedMetaCluster fixture, InboxBrowser browser)
    : IClassFixture<SimulatedMetaCluster>, IClassFixture<InboxBrowser>
{
    private const string PhoneNumberId = "117283940561728";
    private const string BusinessDisplayNumber = "15550561728"; // what the simulator shows for PhoneNumberId: 1555 + its last 7 digits
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_call_from_the_customer_appears_in_the_open_conversation_with_its_outcome_and_duration()
    {
        var (customer, _) = await InjectInboundAsync("Can I call you about the invoice?");
        var page = await OpenConversationAsync(customer);

        var callId = await InjectEventAsync(new { kind = "call", phoneNumberId = PhoneNumberId, user = customer, callEvent = "connect", incoming = true });
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-95).ToUnixTimeSeconds();
        await InjectEventAsync(new
        {
            kind = "call", phoneNumberId = PhoneNumberId, user = customer, callId, callEvent = "terminate", callStatus = "COMPLETED",
            incoming = true, durationSeconds = 95, startedAt,
        });

        // Live, without reloading: one entry for the call, with how it went and how long it took.
        var call = page.Locator($".message[data-message-id='{callId}']");
        await Assertions.Expect(call.Locator(".body")).ToHaveTextAsync("📞 Incoming call, connected, 1:35", new() { Timeout = 30_000 });
        await Assertions.Expect(call).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bcall\b"));
        await Assertions.Expect(page.Locator(".message.call")).ToHaveCountAsync(1);
        // A call is not a message to answer: it offers no reply or reaction.
        await Assertions.Expect(call.Locator(".message-actions")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = InboxBrowser.ScreenshotPath("inbox-call.png") });
    }

    [Fact]
    public async Task An_agent_quotes_the_customer_reacts_to_the_message_and_offers_quick_reply_buttons()
    {
        var (customer, wamid) = await InjectInboundAsync("Is the blue jacket still in stock in size M?");
        var page = await OpenConversationAsync(customer);
        var customerMessage = page.Locator($".message[data-message-id='{wamid}']");

        // Reply: the sent text carries the quoted message's wamid as Meta's context.
        await customerMessage.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#replying-to-text")).ToHaveTextAsync("Replying to: Is the blue jacket still in stock in size M?");
        await Assertions.Expect(page.Locator("#reply")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Yes, two left in M.");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".message.outbound .body").Filter(new() { HasText = "Yes, two left in M." })).ToBeVisibleAsync(Slow);
        await Assertions.Expect(page.Locator("#replying-to")).ToBeHiddenAsync();
        var reply = await SentAsync(customer, "text");
        Assert.Equal(wamid, reply.GetProperty("context").GetProperty("message_id").GetString());
        Assert.Equal("Yes, two left in M.", reply.GetProperty("text").GetProperty("body").GetString());

        // React: Meta's reaction message names the customer's message; the conversation shows the reaction went out.
        await customerMessage.GetByRole(AriaRole.Button, new() { Name = "React 👍" }).ClickAsync();
        var reaction = await SentAsync(customer, "reaction");
        AssertJson(new JsonObject { ["message_id"] = wamid, ["emoji"] = "👍" }, reaction.GetProperty("reaction"));
        Assert.False(reaction.TryGetProperty("context", out _), "A reaction names its message itself; it is not also a reply.");
        var reacted = page.Locator(".message.outbound[data-type='reaction']");
        await Assertions.Expect(reacted.Locator(".body")).ToHaveTextAsync("You reacted 👍", new() { Timeout = 30_000 });
        // Meta reports only "sent" for a reaction (no delivered or read), and the tick says so.
        await Assertions.Expect(reacted).ToHaveAttributeAsync("data-status", "sent", new() { Timeout = 30_000 });

        // Quick replies: the text goes out as an interactive message with reply buttons, exactly Meta's shape.
        await page.Locator("#show-quick-replies").ClickAsync();
        await page.GetByLabel("Button 1", new() { Exact = true }).FillAsync("Reserve one");
        await page.GetByLabel("Button 2", new() { Exact = true }).FillAsync("No, thanks");
        await page.Locator("#reply").FillAsync("Shall I reserve one for you?");
        await page.Locator("#reply").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".message.outbound .body").Filter(new() { HasText = "Shall I reserve one for you?" })).ToBeVisibleAsync(Slow);
        await Assertions.Expect(page.Locator("#quick-replies")).ToBeHiddenAsync();
        var (buttons, buttonsWamid) = await SentRequestAsync(customer, "interactive");
        // From Meta's "Interactive reply buttons messages" doc.
        AssertJson(
            JsonNode.Parse("""
                {
                  "type": "button",
                  "body": { "text": "Shall I reserve one for you?" },
                  "action": {
                    "buttons": [
                      { "type": "reply", "reply": { "id": "button-1", "title": "Reserve one" } },
                      { "type": "reply", "reply": { "id": "button-2", "title": "No, thanks" } }
                    ]
                  }
                }
                """)!,
            buttons.GetProperty("interactive"));
        // Meta takes the number with or without its "+".
        Assert.Equal(customer, buttons.GetProperty("to").GetString()!.TrimStart('+'));

        // The customer taps a button: Meta's button_reply, quoting our message, shows as their answer.
        var tapId = await InjectButtonReplyAsync(customer, buttonsWamid, "button-1", "Reserve one");
        await Assertions.Expect(page.Locator($".message.inbound[data-message-id='{tapId}'] .body")).ToHaveTextAsync("Tapped “Reserve one”", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = InboxBrowser.ScreenshotPath("inbox-reply-react-buttons.png") });
    }

    [Fact]
    public async Task A_synced_template_is_filled_in_previewed_and_sent_with_its_named_parameters()
    {
        var (customer, _) = await InjectInboundAsync("When does my parcel ship?");
        var page = await OpenConversationAsync(customer);
        // Approved while the inbox is open: opening the picker offers it.
        var name = "parcel_update_" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        await CreateApprovedTemplateAsync(name);

        await page.Locator("#show-templates").ClickAsync();
        await Assertions.Expect(page.Locator($"#template option[value='{name}|en_US']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.Locator("#template").SelectOptionAsync($"{name}|en_US");
        await Assertions.Expect(page.Locator("#template-preview")).ToHaveTextAsync(
            "Order {{order_id}}\nHi {{customer_name}}, your parcel ships on {{ship_date}}. Thank you!\nWaApp Shop");

        await page.GetByLabel("Header {{order_id}}", new() { Exact = true }).FillAsync("#4417");
        await page.GetByLabel("{{customer_name}}", new() { Exact = true }).FillAsync("Ana");
        // One value still missing: nothing can be sent yet, and the form says which.
        await Assertions.Expect(page.Locator("#send-template")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#template-missing")).ToHaveTextAsync("Still to fill in: {{ship_date}}");

        await page.GetByLabel("{{ship_date}}", new() { Exact = true }).FillAsync("Friday");
        await Assertions.Expect(page.Locator("#template-preview")).ToHaveTextAsync("Order #4417\nHi Ana, your parcel ships on Friday. Thank you!\nWaApp Shop");
        await Assertions.Expect(page.Locator("#template-missing")).ToHaveTextAsync(string.Empty);
        await page.Locator("#send-template").ClickAsync();

        await Assertions.Expect(page.Locator(".message.outbound .body")).ToContainTextAsync(name, new() { Timeout = 30_000 });
        var sent = await SentAsync(customer, "template");
        // Meta's template object with named parameters ("Send template messages" doc, parameter_name).
        AssertJson(
            JsonNode.Parse($$"""
                {
                  "name": "{{name}}",
                  "language": { "code": "en_US" },
                  "components": [
                    { "type": "header", "parameters": [ { "type": "text", "parameter_name": "order_id", "text": "#4417" } ] },
                    {
                      "type": "body",
                      "parameters": [
                        { "type": "text", "parameter_name": "customer_name", "text": "Ana" },
                        { "type": "text", "parameter_name": "ship_date", "text": "Friday" }
                      ]
                    }
                  ]
                }
                """)!,
            sent.GetProperty("template"));
        await page.ScreenshotAsync(new() { Path = InboxBrowser.ScreenshotPath("inbox-template-form.png") });
    }

    private async Task<IPage> OpenConversationAsync(string customer)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Cluster.GatewayUrl + "/inbox");
        await page.Locator("#api-key").FillAsync(LocalCluster.ApiKey);
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        var item = page.Locator($".conversation-item[data-contact-id='{customer}']");
        await Assertions.Expect(item).ToBeVisibleAsync(Slow);
        await item.ClickAsync();
        await Assertions.Expect(page.Locator("#composer")).ToBeVisibleAsync(Slow);
        await Assertions.Expect(page.Locator(".message.inbound")).Not.ToHaveCountAsync(0, new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>A new customer writes; returns the customer's number and the message's wamid.</summary>
    private async Task<(string Customer, string MessageId)> InjectInboundAsync(string text)
    {
        var customer = SimulatedMetaCluster.NewCustomer();
        using var response = await fixture.Simulator.PostAsJsonAsync("/simulator/inbound", new { phoneNumberId = PhoneNumberId, from = customer, name = "Ana", text });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, answer.GetProperty("webhookStatus").GetInt32());
        return (customer, answer.GetProperty("messageId").GetString()!);
    }

    private async Task<string> InjectEventAsync(object body)
    {
        using var response = await fixture.Simulator.PostAsJsonAsync("/simulator/events", body);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, answer.GetRawText());
        Assert.Equal(200, answer.GetProperty("webhookStatus").GetInt32());
        return answer.GetProperty("id").GetString()!;
    }

    /// <summary>The one message of <paramref name="type"/> Meta received for the customer (waits for it).</summary>
    private async Task<JsonElement> SentAsync(string customer, string type) => (await SentRequestAsync(customer, type)).Body;

    /// <summary>The body of the one message of <paramref name="type"/> Meta received for the customer, and the wamid Meta gave it.</summary>
    private async Task<(JsonElement Body, string Wamid)> SentRequestAsync(string customer, string type)
    {
        List<(JsonElement Body, string? Wamid)> found = [];
        await SimulatedMetaCluster.EventuallyAsync(
            async () =>
            {
                found = [.. (await fixture.RequestsAsync(customer))
                    .Select(request => (Body: JsonDocument.Parse(request.GetProperty("body").GetString()!).RootElement, Wamid: request.GetProperty("messageId").GetString()))
                    .Where(request => request.Body.TryGetProperty("type", out var sentType) && sentType.GetString() == type)];
                return found.Count > 0 && found.All(request => request.Wamid is not null);
            },
            $"a {type} message to reach Meta");
        var (body, wamid) = Assert.Single(found);
        Assert.Equal("whatsapp", body.GetProperty("messaging_product").GetString());
        return (body, wamid!);
    }

    /// <summary>
    /// The customer taps a reply button of our message <paramref name="quotedWamid"/>: Meta's interactive
    /// <c>button_reply</c> webhook (the fixture from Meta's docs, made this customer's), signed like Meta's.
    /// </summary>
    private async Task<string> InjectButtonReplyAsync(string customer, string quotedWamid, string buttonId, string title)
    {
        var webhook = JsonNode.Parse(WebhookFixtures.Read("interactive-button-reply.json"))!;
        var value = webhook["entry"]![0]!["changes"]![0]!["value"]!;
        value["metadata"]!["display_phone_number"] = BusinessDisplayNumber;
        value["contacts"]![0]!["wa_id"] = customer;
        var message = value["messages"]![0]!;
        var tapId = "wamid." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        message["from"] = customer;
        message["id"] = tapId;
        message["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        message["context"] = new JsonObject { ["from"] = BusinessDisplayNumber, ["id"] = quotedWamid };
        message["interactive"]!["button_reply"] = new JsonObject { ["id"] = buttonId, ["title"] = title };
        using var response = await fixture.Cluster.PostWebhookAsync(System.Text.Encoding.UTF8.GetBytes(webhook.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return tapId;
    }

    /// <summary>Creates a named-parameter template through REST (Meta's creation body) and waits until it is approved and synced.</summary>
    private async Task CreateApprovedTemplateAsync(string name)
    {
        using var api = fixture.Cluster.CreateClient();
        using var created = await api.PostAsJsonAsync($"/api/v1/businesses/{PhoneNumberId}/templates", JsonNode.Parse($$$"""
            {
              "name": "{{{name}}}",
              "language": "en_US",
              "category": "UTILITY",
              "parameter_format": "NAMED",
              "components": [
                {
                  "type": "HEADER", "format": "TEXT", "text": "Order {{order_id}}",
                  "example": { "header_text_named_params": [ { "param_name": "order_id", "example": "#1234" } ] }
                },
                {
                  "type": "BODY", "text": "Hi {{customer_name}}, your parcel ships on {{ship_date}}. Thank you!",
                  "example": { "body_text_named_params": [ { "param_name": "customer_name", "example": "Sam" }, { "param_name": "ship_date", "example": "Monday" } ] }
                },
                { "type": "FOOTER", "text": "WaApp Shop" }
              ]
            }
            """));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await SimulatedMetaCluster.EventuallyAsync(
            async () =>
            {
                var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{PhoneNumberId}/templates?status=APPROVED");
                return page.GetProperty("items").EnumerateArray().Any(item =>
                    item.GetProperty("name").GetString() == name && item.GetProperty("components").ValueKind == JsonValueKind.Array);
            },
            $"template {name} to be approved and synced");
    }

    private static void AssertJson(JsonNode expected, JsonElement actual)
    {
        var actualNode = JsonNode.Parse(actual.GetRawText());
        Assert.True(JsonNode.DeepEquals(expected, actualNode), $"Expected {expected.ToJsonString()}{Environment.NewLine}but Meta received {actualNode?.ToJsonString()}");
    }
}
