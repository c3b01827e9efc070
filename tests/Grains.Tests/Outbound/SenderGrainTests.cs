using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>The sender of a number against the Cloud API simulator: rate, backoff, per-recipient holds, fairness, bounds.</summary>
[Collection(SendingClusterCollection.Name)]
public sealed class SenderGrainTests(SendingClusterFixture fixture)
{
    private static readonly TemplateContent Template = new("order_update", "en_US", ["#4417"]);

    [Fact]
    public async Task A_500_message_burst_to_one_number_stays_within_its_rate()
    {
        var number = SendingClusterFixture.NewNumber();
        var customers = Enumerable.Range(0, 50).Select(_ => SendingClusterFixture.NewCustomer()).ToArray();
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            sender.SendAsync(new OutboundSend($"burst-{i}", customers[i % customers.Length], Template, SendLane.Bulk))));

        Assert.All(outcomes, outcome => Assert.IsType<SendAccepted>(outcome));
        var requests = await fixture.RequestsAsync(number);
        // Every message was sent exactly once and Meta's limit (the simulator's) was never hit.
        Assert.Equal(500, requests.Count);
        Assert.DoesNotContain(requests, request => request.ErrorCode == 130429);
        Assert.Equal(500, requests.Select(request => request.CallbackData).Distinct().Count());

        var times = requests.Select(request => request.AcceptedAt!.Value).Order().ToList();
        var busiestSecond = BusiestSecond(times);
        Assert.True(
            busiestSecond <= SendingClusterFixture.SenderRate * 1.1,
            $"{busiestSecond} messages reached the simulator within one second; the sender's rate is {SendingClusterFixture.SenderRate}/s.");
        // Without a limit of our own, 500 sends take well under a second; at 100/s they take about 5 s.
        var span = times[^1] - times[0];
        Assert.True(span >= TimeSpan.FromSeconds(4.4), $"500 messages went out within {span}, faster than {SendingClusterFixture.SenderRate}/s.");
    }

    [Fact]
    public async Task Throughput_limit_errors_pause_the_number_with_growing_backoff_then_the_message_goes_out()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        await fixture.OpenWindowAsync(number, customer);
        await fixture.AddFaultAsync("RateLimited", 2);

        var outcome = await fixture.Grains.GetGrain<ISenderGrain>(number)
            .SendAsync(new OutboundSend("throttled-1", customer, new TextContent("Your order has shipped")));

        var accepted = Assert.IsType<SendAccepted>(outcome);
        var requests = await fixture.RequestsAsync(number);
        Assert.Equal([130429, 130429, null], requests.Select(request => request.ErrorCode));
        Assert.Equal(accepted.MessageId, requests[^1].MessageId);
        // Backoff for 130429 is 0.5 s, then 1 s (plus jitter).
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.5));
        Assert.True(requests[2].ReceivedAt - requests[1].ReceivedAt >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_pair_rate_limit_holds_only_that_recipient_while_others_are_served()
    {
        var number = SendingClusterFixture.NewNumber();
        var (ana, ben) = (SendingClusterFixture.NewCustomer(), SendingClusterFixture.NewCustomer());
        await fixture.OpenWindowAsync(number, ana);
        await fixture.OpenWindowAsync(number, ben);
        await fixture.AddFaultAsync("PairRateLimited", 1);
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);

        var toAna = sender.SendAsync(new OutboundSend("ana-1", ana, new TextContent("For Ana")));
        await EventuallyAsync(async () => (await fixture.RequestsAsync(number)).Count == 1, "the first request to Ana");
        var toBen = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            sender.SendAsync(new OutboundSend($"ben-{i}", ben, new TextContent($"For Ben {i}")))));
        var anaOutcome = await toAna;

        Assert.IsType<SendAccepted>(anaOutcome);
        Assert.All(toBen, outcome => Assert.IsType<SendAccepted>(outcome));
        var requests = await fixture.RequestsAsync(number);
        // Ben's three messages (sent concurrently, so in any order) all go out while Ana is held.
        Assert.Equal(["ana-1", "ben", "ben", "ben", "ana-1"], requests.Select(request => request.CallbackData!.StartsWith("ben-", StringComparison.Ordinal) ? "ben" : request.CallbackData));
        Assert.Equal(131056, requests[0].ErrorCode);
        // Retry after 4^0 = 1 s (plus jitter).
        Assert.True(requests[^1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Live_messages_overtake_a_waiting_bulk_send()
    {
        var number = fixture.NewSlowNumber();
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);
        var bulk = Enumerable.Range(0, 30)
            .Select(i => sender.SendAsync(new OutboundSend($"bulk-{i}", SendingClusterFixture.NewCustomer(), Template, SendLane.Bulk)))
            .ToList();
        await EventuallyAsync(async () => (await fixture.RequestsAsync(number)).Count >= 1, "the bulk send to start");

        var live = Enumerable.Range(0, 5)
            .Select(i => sender.SendAsync(new OutboundSend($"live-{i}", SendingClusterFixture.NewCustomer(), Template, SendLane.Live)))
            .ToList();
        await Task.WhenAll(live.Concat(bulk));

        var order = (await fixture.RequestsAsync(number)).Select(request => request.CallbackData!).ToList();
        Assert.Equal(35, order.Count);
        var firstLive = order.FindIndex(id => id.StartsWith("live-", StringComparison.Ordinal));
        var lastLive = order.FindLastIndex(id => id.StartsWith("live-", StringComparison.Ordinal));
        var sent = string.Join(", ", order);
        // At 10/s the bulk lane alone takes 3 s. However late the live messages reach the grain on a busy machine,
        // once there they go out four for every bulk one, ahead of the bulk messages still waiting, not after them.
        Assert.True(lastLive - firstLive + 1 - 5 <= 2, $"Bulk messages went out between the live ones: {sent}");
        Assert.True(order.Count - 1 - lastLive >= 10, $"The last live message was request {lastLive + 1} of 35: {sent}");
    }

    [Fact]
    public async Task A_full_lane_rejects_more_messages_and_sends_none_of_them()
    {
        var number = fixture.NewSlowNumber();
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            sender.SendAsync(new OutboundSend($"flood-{i}", SendingClusterFixture.NewCustomer(), Template))));

        var rejected = outcomes.OfType<SendRejected>().ToList();
        Assert.True(rejected.Count >= 40 - SendingClusterFixture.LiveQueueCapacity - 5, $"Only {rejected.Count} of 40 were rejected.");
        Assert.All(rejected, outcome => Assert.Contains("queue", outcome.Reason, StringComparison.Ordinal));
        var accepted = outcomes.OfType<SendAccepted>().Count();
        Assert.Equal(40, accepted + rejected.Count);
        Assert.Equal(accepted, (await fixture.RequestsAsync(number)).Count);
    }

    [Fact]
    public async Task An_invalid_message_is_refused_without_calling_Meta()
    {
        var number = SendingClusterFixture.NewNumber();
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);

        var empty = await sender.SendAsync(new OutboundSend("bad-1", SendingClusterFixture.NewCustomer(), new TextContent("  ")));
        var notAPhone = await sender.SendAsync(new OutboundSend("bad-2", "ana@example.com", new TextContent("Hi")));

        Assert.Equal(SendErrorClass.NeverRetry, Assert.IsType<SendFailed>(empty).Class);
        Assert.Contains("recipient", Assert.IsType<SendFailed>(notAPhone).Details, StringComparison.Ordinal);
        Assert.Empty(await fixture.RequestsAsync(number));
    }

    [Fact]
    public async Task A_closed_window_fails_the_message_as_needing_a_template()
    {
        var number = SendingClusterFixture.NewNumber();

        var outcome = await fixture.Grains.GetGrain<ISenderGrain>(number)
            .SendAsync(new OutboundSend("late-1", SendingClusterFixture.NewCustomer(), new TextContent("Are you still there?")));

        var failed = Assert.IsType<SendFailed>(outcome);
        Assert.Equal((131047, SendErrorClass.NeedsTemplate, 1), (failed.Code, failed.Class, failed.Attempts));
    }

    /// <summary>The most timestamps within any one-second window (times sorted).</summary>
    private static int BusiestSecond(IReadOnlyList<DateTimeOffset> times)
    {
        var most = 0;
        var start = 0;
        for (var end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }

    private static Task EventuallyAsync(Func<Task<bool>> condition, string what) => SendingClusterFixture.EventuallyAsync(condition, what);
}
