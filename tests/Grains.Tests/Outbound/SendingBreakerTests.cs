using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>
/// The number-wide breaker of a sender against the Cloud API simulator: token, account, billing and policy errors
/// pause the number, waiting messages stay queued, and an operator or a new token resumes it.
/// </summary>
[Collection(SendingClusterCollection.Name)]
public sealed class SendingBreakerTests(SendingClusterFixture fixture)
{
    [Fact]
    public async Task A_locked_account_pauses_the_number_queued_messages_wait_and_an_operator_resumes_them()
    {
        var number = SendingClusterFixture.NewNumber();
        var (ana, ben) = (SendingClusterFixture.NewCustomer(), SendingClusterFixture.NewCustomer());
        await fixture.OpenWindowAsync(number, ana);
        await fixture.OpenWindowAsync(number, ben);
        await fixture.AddFaultAsync("AccountLocked", 1);
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);

        var toAna = sender.SendAsync(new OutboundSend("locked-ana", ana, new TextContent("For Ana")));
        await SendingClusterFixture.EventuallyAsync(async () => (await sender.GetSendingStatusAsync()).IsPaused, "the pause");
        var toBen = sender.SendAsync(new OutboundSend("locked-ben", ben, new TextContent("For Ben")));
        await SendingClusterFixture.EventuallyAsync(async () => await sender.GetQueueStateAsync() is { LiveWaiting: 2, InFlight: 0 }, "both messages waiting");

        var paused = await sender.GetSendingStatusAsync();
        Assert.Equal(131031, paused.Code);
        Assert.Contains("locked", paused.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(paused.Since);
        // Neither message failed, and Meta was not asked again while paused.
        Assert.False(toAna.IsCompleted || toBen.IsCompleted);
        Assert.Equal([131031], (await fixture.RequestsAsync(number)).Select(request => request.ErrorCode));

        var resumed = await sender.ResumeSendingAsync();

        Assert.False(resumed.IsPaused);
        Assert.IsType<SendAccepted>(await toAna);
        Assert.IsType<SendAccepted>(await toBen);
        Assert.Equal([131031, null, null], (await fixture.RequestsAsync(number)).Select(request => request.ErrorCode));
    }

    [Fact]
    public async Task A_token_pause_resumes_by_itself_when_the_access_token_changes()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        await fixture.OpenWindowAsync(number, customer);
        await fixture.AddFaultAsync("TokenExpired", 1);
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);

        var send = sender.SendAsync(new OutboundSend("token-1", customer, new TextContent("Your order has shipped")));
        await SendingClusterFixture.EventuallyAsync(async () => (await sender.GetSendingStatusAsync()).Code == 190, "the token pause");
        fixture.SetAccessToken("rotated-" + Guid.NewGuid().ToString("N"));

        Assert.IsType<SendAccepted>(await send);
        Assert.False((await sender.GetSendingStatusAsync()).IsPaused);
        Assert.Equal([190, null], (await fixture.RequestsAsync(number)).Select(request => request.ErrorCode));
    }

    [Fact]
    public async Task A_pause_is_stored_and_outlives_the_sender_s_activation()
    {
        var number = SendingClusterFixture.NewNumber();
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);
        await sender.PauseSendingAsync("The account was banned (account_update DISABLED_UPDATE).");
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);

        // Collecting idle activations ends the sender's; the next call starts a new one from storage.
        await SendingClusterFixture.EventuallyAsync(async () =>
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            var active = await management.GetDetailedGrainStatistics([typeof(WaApp.Grains.Outbound.SenderGrain).FullName!]);
            return !active.Any(statistic => statistic.GrainId.ToString().EndsWith(number, StringComparison.Ordinal));
        }, "the sender's activation to end");

        var status = await sender.GetSendingStatusAsync();

        Assert.True(status.IsPaused);
        Assert.Equal("The account was banned (account_update DISABLED_UPDATE).", status.Reason);
        Assert.Null(status.Code);
    }

    [Fact]
    public async Task The_per_user_marketing_cap_fails_the_message_at_once_without_a_retry()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        await fixture.AddFaultAsync("MarketingCapped", 1);
        var sender = fixture.Grains.GetGrain<ISenderGrain>(number);

        var outcome = await sender.SendAsync(new OutboundSend("capped-1", customer, new TemplateContent("spring_sale", "en_US", []), SendLane.Bulk));

        var failed = Assert.IsType<SendFailed>(outcome);
        Assert.Equal(131049, failed.Code);
        Assert.Equal(SendErrorClass.NeverRetry, failed.Class);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("healthy ecosystem engagement", failed.Title, StringComparison.Ordinal);
        Assert.Single(await fixture.RequestsAsync(number));
        Assert.False((await sender.GetSendingStatusAsync()).IsPaused);
    }
}
