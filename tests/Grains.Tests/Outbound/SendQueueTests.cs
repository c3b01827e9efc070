using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Outbound;

namespace WaApp.Grains.Tests.Outbound;

public sealed class SendQueueTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Live_messages_get_their_weight_of_turns_while_bulk_messages_wait()
    {
        var queue = new SendQueue(100, 100, liveWeight: 2);
        for (var i = 0; i < 6; i++)
        {
            queue.TryEnqueue(Item($"b{i}", $"+4470000000{i}", SendLane.Bulk));
            queue.TryEnqueue(Item($"l{i}", $"+4471000000{i}", SendLane.Live));
        }

        var order = Enumerable.Range(0, 12).Select(i => queue.TryDequeue(Now, out var retryAt)!.Send.SendId).ToList();

        Assert.Equal(["l0", "l1", "b0", "l2", "l3", "b1", "l4", "l5", "b2", "b3", "b4", "b5"], order);
    }

    [Fact]
    public void A_recipient_with_a_request_in_flight_waits_and_keeps_its_order_while_others_go_ahead()
    {
        var queue = new SendQueue(100, 100, liveWeight: 4);
        queue.TryEnqueue(Item("ana-1", "+441111111111"));
        queue.TryEnqueue(Item("ana-2", "+441111111111"));
        queue.TryEnqueue(Item("ben-1", "+442222222222"));

        var first = queue.TryDequeue(Now, out _)!;
        queue.MarkInFlight(first.Recipient);
        var second = queue.TryDequeue(Now, out _)!;
        queue.MarkInFlight(second.Recipient);
        var none = queue.TryDequeue(Now, out var retryAt);
        queue.MarkDone(first.Recipient);
        var third = queue.TryDequeue(Now, out _)!;

        Assert.Equal(["ana-1", "ben-1", "ana-2"], [first.Send.SendId, second.Send.SendId, third.Send.SendId]);
        Assert.Null(none);
        Assert.Null(retryAt);
    }

    [Fact]
    public void A_held_recipient_is_skipped_until_its_hold_ends()
    {
        var queue = new SendQueue(100, 100, liveWeight: 4);
        queue.TryEnqueue(Item("ana-1", "+441111111111"));
        queue.TryEnqueue(Item("ana-2", "+441111111111"));
        queue.TryEnqueue(Item("ben-1", "+442222222222"));
        queue.Hold("+441111111111", Now.AddSeconds(4));

        var during = queue.TryDequeue(Now, out _)!;
        var blocked = queue.TryDequeue(Now.AddSeconds(1), out var retryAt);
        var after = queue.TryDequeue(Now.AddSeconds(4), out _)!;

        Assert.Equal("ben-1", during.Send.SendId);
        Assert.Null(blocked);
        Assert.Equal(Now.AddSeconds(4), retryAt);
        Assert.Equal("ana-1", after.Send.SendId);
    }

    [Fact]
    public void A_full_lane_refuses_new_messages_but_takes_back_retries()
    {
        var queue = new SendQueue(liveCapacity: 1, bulkCapacity: 1, liveWeight: 4);
        Assert.True(queue.TryEnqueue(Item("l1", "+441111111111")));
        Assert.False(queue.TryEnqueue(Item("l2", "+442222222222")));
        Assert.True(queue.TryEnqueue(Item("b1", "+443333333333", SendLane.Bulk)));

        var retry = Item("l0", "+444444444444");
        queue.Requeue(retry);

        Assert.Equal(3, queue.Count);
        Assert.Same(retry, queue.TryDequeue(Now, out _));
    }

    [Fact]
    public void Messages_that_waited_too_long_are_removed()
    {
        var queue = new SendQueue(100, 100, liveWeight: 4);
        queue.TryEnqueue(Item("old", "+441111111111", enqueuedAt: Now.AddMinutes(-10)));
        queue.TryEnqueue(Item("new", "+442222222222"));

        var expired = queue.RemoveEnqueuedBefore(Now.AddMinutes(-5));

        Assert.Equal("old", Assert.Single(expired).Send.SendId);
        Assert.Equal("new", queue.TryDequeue(Now, out _)!.Send.SendId);
    }

    private static QueuedSend Item(string id, string to, SendLane lane = SendLane.Live, DateTimeOffset? enqueuedAt = null)
    {
        var send = new OutboundSend(id, to, new TextContent("hello"), lane);
        return new QueuedSend(send, OutboundRequests.TryBuild(send, out _)!, enqueuedAt ?? Now);
    }
}
