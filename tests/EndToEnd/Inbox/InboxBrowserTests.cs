using System.Text.Json;
using Microsoft.Playwright;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd.Inbox;

/// <summary>
/// The agent inbox in a real headless Chromium against real processes: gateway, silo, dynalite and the Cloud API
/// simulator, which sends the signed inbound and status webhooks. Screenshots land in <c>TestResults/screenshots</c>.
/// </summary>
public sealed class InboxBrowserTests(SimulatedMetaCluster fixture, InboxBrowser browser)
    : IClassFixture<SimulatedMetaCluster>, IClassFixture<InboxBrowser>
{
    private const string PhoneNumberId = "117283940561728";
    private static readonly string[] StatusOrder = ["queued", "accepted", "sent", "delivered", "read"];

    [Fact]
    public async Task An_agent_signs_in_sees_a_new_conversation_arrive_live_replies_and_watches_the_ticks_reach_read()
    {
        // The number must have written once for it to be listed; the second customer arrives while the page is open.
        await fixture.InjectInboundAsync(PhoneNumberId, "First customer of the day");
        var page = await OpenSignedInAsync(new ViewportSize { Width = 1280, Height = 800 });

        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Hi! Is my order #4417 shipped yet? 📦");

        var item = page.Locator($".conversation-item[data-contact-id='{customer}']");
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(item.Locator(".preview")).ToHaveTextAsync("Hi! Is my order #4417 shipped yet? 📦");
        await Assertions.Expect(item.Locator(".unread")).ToHaveTextAsync("1");
        await Assertions.Expect(item.Locator(".meta")).ToContainTextAsync("23 h");
        await page.ScreenshotAsync(new() { Path = InboxBrowser.ScreenshotPath("inbox-new-conversation.png") });

        await item.ClickAsync();
        var inbound = page.Locator(".message.inbound .body");
        await Assertions.Expect(inbound).ToHaveTextAsync("Hi! Is my order #4417 shipped yet? 📦");
        await Assertions.Expect(page.Locator("#window-countdown")).ToContainTextAsync("closes in 23 h");
        // Opening the conversation marks it read.
        await Assertions.Expect(item.Locator(".unread")).ToHaveCountAsync(0);

        await page.EvaluateAsync(RecordStatusesScript);
        await page.Locator("#reply").FillAsync("It ships today, tracking follows.");
        await page.Locator("#reply").PressAsync("Enter");

        var outbound = page.Locator(".message.outbound");
        await Assertions.Expect(outbound.Locator(".body")).ToHaveTextAsync("It ships today, tracking follows.");
        await Assertions.Expect(outbound).ToHaveAttributeAsync("data-status", "read", new() { Timeout = 30_000 });
        await Assertions.Expect(outbound.Locator(".ticks")).ToHaveTextAsync("✓✓");
        await Assertions.Expect(outbound.Locator(".ticks")).ToHaveAttributeAsync("aria-label", "Status: read");
        await page.ScreenshotAsync(new() { Path = InboxBrowser.ScreenshotPath("inbox-conversation.png") });

        // The ticks moved forward through the statuses and never back.
        var seen = await page.EvaluateAsync<string[]>("() => window.__statuses");
        Assert.Equal("queued", seen[0]);
        Assert.Equal("read", seen[^1]);
        Assert.True(seen.Length >= 3, $"Only saw {string.Join(", ", seen)}.");
        var ranks = seen.Select(status => Array.IndexOf(StatusOrder, status)).ToList();
        Assert.All(ranks, rank => Assert.True(rank >= 0, $"Unexpected status in {string.Join(", ", seen)}."));
        Assert.Equal(ranks.Order().ToList(), ranks);
        // One reply typed, one send reached Meta.
        Assert.Single(await fixture.RequestsAsync(customer));
    }

    [Fact]
    public async Task A_conversation_announced_live_while_the_list_is_still_loading_stays_listed()
    {
        // The list is read before the customer writes and answered only after the live frame has shown them: the
        // older page must not drop the conversation the frame announced.
        var earlier = await fixture.InjectInboundAsync(PhoneNumberId, "Do you deliver on Saturdays?");
        var listRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = await OpenSignedInAsync(new ViewportSize { Width = 1280, Height = 800 }, async page =>
            await page.RouteAsync("**/conversations?limit=100", async route =>
            {
                var response = await route.FetchAsync();
                listRead.TrySetResult();
                await release.Task;
                await route.FulfillAsync(new() { Response = response });
            }));
        await listRead.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Where is parcel 88?");
        var item = page.Locator($".conversation-item[data-contact-id='{customer}']");
        await Assertions.Expect(item.Locator(".preview")).ToHaveTextAsync("Where is parcel 88?", new() { Timeout = 30_000 });

        release.SetResult();
        await Assertions.Expect(page.Locator($".conversation-item[data-contact-id='{earlier}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(item.Locator(".preview")).ToHaveTextAsync("Where is parcel 88?");
        await Assertions.Expect(item.Locator(".unread")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Outside_the_window_the_composer_refuses_politely_and_an_approved_template_is_sent()
    {
        using (var template = await fixture.Cluster.PostWebhookAsync(WebhookFixtures.Read("template-status-update.json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, template.StatusCode);
        }

        var customer = await InjectOldInboundAsync(TimeSpan.FromHours(26));
        var page = await OpenSignedInAsync(new ViewportSize { Width = 1280, Height = 800 });

        var item = page.Locator($".conversation-item[data-contact-id='{customer}']");
        await Assertions.Expect(item.Locator(".meta")).ToContainTextAsync("window closed", new() { Timeout = 30_000 });
        await item.ClickAsync();

        await Assertions.Expect(page.Locator("#window-countdown")).ToContainTextAsync("only a template can be sent");
        await Assertions.Expect(page.Locator("#reply")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#template-picker")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#template option")).ToHaveTextAsync("order_shipped_v2 (en_US)");

        await page.Locator("#template-parameters").FillAsync("4417");
        await page.Locator("#send-template").ClickAsync();

        var outbound = page.Locator(".message.outbound");
        await Assertions.Expect(outbound).ToHaveAttributeAsync("data-status", "read", new() { Timeout = 30_000 });
        var sent = Assert.Single(await fixture.RequestsAsync(customer));
        var body = JsonDocument.Parse(sent.GetProperty("body").GetString()!).RootElement;
        Assert.Equal("order_shipped_v2", body.GetProperty("template").GetProperty("name").GetString());
        Assert.Contains("4417", body.GetProperty("template").GetProperty("components").GetRawText(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = InboxBrowser.ScreenshotPath("inbox-template.png") });
    }

    [Fact]
    public async Task On_a_phone_width_screen_one_pane_shows_at_a_time_and_the_keyboard_reaches_everything()
    {
        var customer = await fixture.InjectInboundAsync(PhoneNumberId, "Can I change my delivery address?");
        var page = await OpenSignedInAsync(new ViewportSize { Width = 390, Height = 844 });

        // Every form control has a label a screen reader can announce.
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input, select, textarea')].filter(c => c.labels.length === 0).map(c => c.id)");
        Assert.Empty(unlabelled);

        var item = page.Locator($".conversation-item[data-contact-id='{customer}']");
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#conversation")).ToBeHiddenAsync();

        await item.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".message.inbound .body")).ToHaveTextAsync("Can I change my delivery address?");
        await Assertions.Expect(page.Locator(".list-pane")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = InboxBrowser.ScreenshotPath("inbox-phone.png") });

        await page.Locator("#reply").FocusAsync();
        await page.Keyboard.TypeAsync("Yes, reply with the new address.");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".message.outbound .body")).ToHaveTextAsync("Yes, reply with the new address.");

        await page.Locator("#back").ClickAsync();
        await Assertions.Expect(page.Locator(".list-pane")).ToBeVisibleAsync();
        await Assertions.Expect(item).ToBeFocusedAsync();

        // Another customer writing re-renders the list; the keyboard stays where the agent left it.
        var other = await fixture.InjectInboundAsync(PhoneNumberId, "Is the shop open today?");
        await Assertions.Expect(page.Locator($".conversation-item[data-contact-id='{other}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(item).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_wrong_key_is_refused_on_the_sign_in_form()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Cluster.GatewayUrl + "/inbox");

        await page.Locator("#api-key").FillAsync("not-a-key");
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("not accepted");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
    }

    private async Task<IPage> OpenSignedInAsync(ViewportSize viewport, Func<IPage, Task>? prepare = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport });
        var page = await context.NewPageAsync();
        if (prepare is not null)
        {
            await prepare(page);
        }

        await page.GotoAsync(fixture.Cluster.GatewayUrl + "/inbox");
        await page.Locator("#api-key").FillAsync(LocalCluster.ApiKey);
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        return page;
    }

    private async Task<string> InjectOldInboundAsync(TimeSpan age)
    {
        var customer = SimulatedMetaCluster.NewCustomer();
        var sentAt = DateTimeOffset.UtcNow.Subtract(age).ToUnixTimeSeconds();
        using var response = await fixture.Simulator.PostAsync(
            "/simulator/inbound",
            System.Net.Http.Json.JsonContent.Create(new { phoneNumberId = PhoneNumberId, from = customer, name = "Old", text = "Are you open on Sunday?", timestamp = sentAt }));
        response.EnsureSuccessStatusCode();
        return customer;
    }

    // Records each status the page shows for its outbound message, in order, as the DOM changes.
    private const string RecordStatusesScript = """
        () => {
          window.__statuses = [];
          const record = () => {
            const message = document.querySelector('.message.outbound');
            const status = message && message.dataset.status;
            if (status && window.__statuses[window.__statuses.length - 1] !== status) window.__statuses.push(status);
          };
          new MutationObserver(record).observe(document.getElementById('messages'), { childList: true, subtree: true, attributes: true });
        }
        """;
}
