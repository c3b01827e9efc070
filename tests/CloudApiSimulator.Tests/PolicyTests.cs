using System.Text.Json.Nodes;
using WaApp.WhatsApp.Graph;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>The 24-hour window and the per-number throughput limit, as Meta enforces them.</summary>
public sealed class PolicyTests
{
    [Fact]
    public async Task Free_form_message_without_a_user_message_is_refused_with_131047()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var result = await harness.SendTextAsync();

        var failed = Assert.IsType<SendResult.Failed>(result);
        Assert.Equal(131047, failed.Code);
        Assert.Equal(GraphErrorClass.NeedsTemplate, failed.Class);
    }

    [Fact]
    public async Task Window_closes_24_hours_after_the_last_user_message()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.InjectInboundAsync("Old question", timestamp: DateTimeOffset.UtcNow.AddHours(-25).ToUnixTimeSeconds());

        Assert.Equal(131047, Assert.IsType<SendResult.Failed>(await harness.SendTextAsync()).Code);

        await harness.InjectInboundAsync("New question", timestamp: DateTimeOffset.UtcNow.AddHours(-23).ToUnixTimeSeconds());
        Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync());
    }

    [Fact]
    public async Task Window_is_per_user()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.InjectInboundAsync("Hi", from: "5511987654321");

        Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync(to: "+5511987654321"));
        Assert.Equal(131047, Assert.IsType<SendResult.Failed>(await harness.SendTextAsync(to: "+14155550123")).Code);
    }

    [Fact]
    public async Task Template_is_allowed_outside_the_window()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var result = await harness.Graph.SendMessageAsync(
            SimulatorHarness.PhoneNumberId,
            SendMessageRequest.ForTemplate("+" + SimulatorHarness.Ana, new TemplatePayload("order_shipped", "en_US", TemplateComponent.Body(TemplateParameter.FromText("Ana")))));

        var accepted = Assert.IsType<SendResult.Accepted>(result);
        Assert.Equal("accepted", accepted.MessageStatus);
    }

    [Fact]
    public async Task Closed_window_can_be_reported_as_a_failed_status_like_Meta_mostly_does()
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:WindowErrorsAsFailedStatus"] = "true" });

        var accepted = Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync());

        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(accepted.MessageId).Count == 1, "the failed status");
        var status = harness.Receiver.StatusesFor(accepted.MessageId)[0].StatusFor(accepted.MessageId)!;
        Assert.Equal("failed", (string?)status["status"]);
        Assert.Equal(131047, (int?)status["errors"]![0]!["code"]);
    }

    [Fact]
    public async Task Sends_above_the_per_number_rate_get_130429_and_accepted_ones_respect_the_rate()
    {
        const int Limit = 5;
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string>
        {
            ["Simulator:RateLimitPerSecond"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Simulator:EnforceWindow"] = "false",
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => harness.SendTextAsync($"burst {i}")));

        var refused = results.OfType<SendResult.Failed>().ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, failed =>
        {
            Assert.Equal(130429, failed.Code);
            Assert.Equal(GraphErrorClass.RetryWithBackoff, failed.Class);
        });
        Assert.NotEmpty(results.OfType<SendResult.Accepted>());

        var acceptedTimes = (await harness.RequestsAsync())
            .Where(request => (int?)request!["responseStatus"] == 200)
            .Select(request => DateTimeOffset.Parse((string)request!["acceptedAt"]!, System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .ToList();
        for (var i = Limit; i < acceptedTimes.Count; i++)
        {
            Assert.True(acceptedTimes[i] - acceptedTimes[i - Limit] >= TimeSpan.FromSeconds(1), "more than the limit accepted within one second");
        }
    }

    [Fact]
    public async Task Rate_limit_is_per_number()
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string>
        {
            ["Simulator:RateLimitPerSecond"] = "1",
            ["Simulator:EnforceWindow"] = "false",
        });

        var first = await harness.Graph.SendMessageAsync("111111111111111", SendMessageRequest.ForText("+14155550123", "a"));
        var other = await harness.Graph.SendMessageAsync("222222222222222", SendMessageRequest.ForText("+14155550123", "b"));

        Assert.IsType<SendResult.Accepted>(first);
        Assert.IsType<SendResult.Accepted>(other);
    }

    [Fact]
    public async Task Requests_are_listed_with_bodies_and_receive_times_and_reset_clears_them()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.SendTextAsync("listed");

        var request = Assert.Single(await harness.RequestsAsync())!;
        Assert.Equal("listed", (string?)JsonNode.Parse((string)request["body"]!)!["text"]!["body"]);
        Assert.Equal(131047, (int?)request["errorCode"]);
        Assert.True(DateTimeOffset.Parse((string)request["receivedAt"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-1));

        using var reset = await harness.Http.PostAsync("/simulator/reset", null);
        reset.EnsureSuccessStatusCode();
        Assert.Empty(await harness.RequestsAsync());
    }
}
