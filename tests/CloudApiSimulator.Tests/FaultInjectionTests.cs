using System.Net;
using System.Net.Http.Json;
using WaApp.CloudApiSimulator.Sending;
using WaApp.WhatsApp.Graph;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>Faults queued through <c>/simulator/faults</c> hit the next sends, as the Graph client sees them.</summary>
public sealed class FaultInjectionTests
{
    private static readonly Dictionary<string, string> NoWindow = new() { ["Simulator:EnforceWindow"] = "false", ["Simulator:FaultTimeout"] = "00:00:05" };

    [Fact]
    public async Task Server_errors_fail_the_next_sends_then_sending_recovers()
    {
        await using var harness = await SimulatorHarness.StartAsync(NoWindow);
        await harness.AddFaultAsync(FaultKind.ServerError, 2);

        var first = await harness.SendTextAsync();
        var second = await harness.SendTextAsync();
        var third = await harness.SendTextAsync();

        Assert.All([first, second], result =>
        {
            var failed = Assert.IsType<SendResult.Failed>(result);
            Assert.Equal(131000, failed.Code);
            Assert.Equal(GraphErrorClass.RetryWithBackoff, failed.Class);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.Error.HttpStatus);
        });
        Assert.IsType<SendResult.Accepted>(third);
    }

    [Theory]
    [InlineData(FaultKind.TokenExpired, 190, HttpStatusCode.Unauthorized, GraphErrorClass.StopSending)]
    [InlineData(FaultKind.AccountLocked, 131031, HttpStatusCode.BadRequest, GraphErrorClass.StopSending)]
    [InlineData(FaultKind.BillingProblem, 131042, HttpStatusCode.BadRequest, GraphErrorClass.StopSending)]
    [InlineData(FaultKind.PolicyBlocked, 368, HttpStatusCode.Forbidden, GraphErrorClass.StopSending)]
    [InlineData(FaultKind.MarketingCapped, 131049, HttpStatusCode.BadRequest, GraphErrorClass.NeverRetry)]
    [InlineData(FaultKind.MarketingStopped, 131050, HttpStatusCode.BadRequest, GraphErrorClass.NeverRetry)]
    public async Task Account_and_marketing_refusals_come_with_Meta_s_codes(FaultKind kind, int code, HttpStatusCode status, GraphErrorClass errorClass)
    {
        await using var harness = await SimulatorHarness.StartAsync(NoWindow);
        await harness.AddFaultAsync(kind, 1);

        var failed = Assert.IsType<SendResult.Failed>(await harness.SendTextAsync());
        var next = await harness.SendTextAsync();

        Assert.Equal(code, failed.Code);
        Assert.Equal(status, failed.Error.HttpStatus);
        Assert.Equal(errorClass, failed.Class);
        Assert.IsType<SendResult.Accepted>(next);
    }

    [Fact]
    public async Task Bad_gateway_without_a_body_is_unknown()
    {
        await using var harness = await SimulatorHarness.StartAsync(NoWindow);
        await harness.AddFaultAsync(FaultKind.BadGateway, 1);

        Assert.IsType<SendResult.Unknown>(await harness.SendTextAsync());
    }

    [Fact]
    public async Task Timeout_after_accept_is_unknown_to_the_client_although_the_message_went_out()
    {
        await using var harness = await SimulatorHarness.StartAsync(NoWindow, client: options =>
        {
            // Well under the simulator's 5 s fault, yet loose enough that a normal send on a busy CI machine fits.
            options.RequestTimeout = TimeSpan.FromSeconds(2);
            options.ConnectTimeout = TimeSpan.FromSeconds(1.5);
        });
        await harness.AddFaultAsync(FaultKind.TimeoutAfterAccept, 1);

        var result = await harness.SendTextAsync();

        Assert.IsType<SendResult.Unknown>(result);
        var request = Assert.Single(await harness.RequestsAsync())!;
        var messageId = (string)request["messageId"]!;
        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(messageId).Count == 3, "statuses of the message whose answer was lost");
    }

    [Fact]
    public async Task Timeout_before_accept_is_unknown_and_nothing_is_sent()
    {
        await using var harness = await SimulatorHarness.StartAsync(NoWindow, client: options =>
        {
            // Well under the simulator's 5 s fault, yet loose enough that a normal send on a busy CI machine fits.
            options.RequestTimeout = TimeSpan.FromSeconds(2);
            options.ConnectTimeout = TimeSpan.FromSeconds(1.5);
        });
        await harness.AddFaultAsync(FaultKind.TimeoutBeforeAccept, 1);

        Assert.IsType<SendResult.Unknown>(await harness.SendTextAsync());
        var next = Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync());

        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(next.MessageId).Count == 3, "statuses of the next message");
        Assert.Null((await harness.RequestsAsync())[0]!["messageId"]);
        Assert.Equal(3, harness.Receiver.Received.Count);
    }

    [Fact]
    public async Task Faults_can_be_cleared_and_bad_fault_requests_are_refused()
    {
        await using var harness = await SimulatorHarness.StartAsync(NoWindow);
        await harness.AddFaultAsync(FaultKind.ServerError, 5);

        using var cleared = await harness.Http.DeleteAsync("/simulator/faults");
        using var refused = await harness.Http.PostAsJsonAsync("/simulator/faults", new { kind = "ServerError", count = 0 });

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync());
    }
}
