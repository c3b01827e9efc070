using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

/// <summary>How the client reads Meta's answers, timeouts and broken connections.</summary>
public sealed class GraphApiClientOutcomeTests
{
    [Fact]
    public async Task Success_yields_the_wamid_and_the_canonical_wa_id()
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(
            HttpStatusCode.OK,
            """{"messaging_product":"whatsapp","contacts":[{"input":"+55 11 98765-4321","wa_id":"5511987654321"}],"messages":[{"id":"wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEkRF","message_status":"accepted"}]}"""));

        var result = await harness.SendTextAsync();

        var accepted = Assert.IsType<SendResult.Accepted>(result);
        Assert.Equal("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEkRF", accepted.MessageId);
        Assert.Equal("5511987654321", accepted.WaId);
        Assert.Equal("accepted", accepted.MessageStatus);
    }

    [Theory]
    [InlineData(131047, HttpStatusCode.BadRequest, GraphErrorClass.NeedsTemplate)]
    [InlineData(130429, HttpStatusCode.TooManyRequests, GraphErrorClass.RetryWithBackoff)]
    [InlineData(131056, HttpStatusCode.BadRequest, GraphErrorClass.RetryRecipientLater)]
    [InlineData(190, HttpStatusCode.Unauthorized, GraphErrorClass.StopSending)]
    [InlineData(100, HttpStatusCode.BadRequest, GraphErrorClass.NeverRetry)]
    [InlineData(131000, HttpStatusCode.InternalServerError, GraphErrorClass.RetryWithBackoff)]
    public async Task Graph_error_body_yields_a_classified_failure_and_is_not_retried(int code, HttpStatusCode status, GraphErrorClass expected)
    {
        var body = $$$"""{"error":{"message":"(#{{{code}}}) Something specific","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"The precise reason"},"fbtrace_id":"AbC123xYz"}}""";
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(status, body));

        var result = await harness.SendTextAsync();

        var failed = Assert.IsType<SendResult.Failed>(result);
        Assert.Equal(code, failed.Code);
        Assert.Equal($"(#{code}) Something specific", failed.Title);
        Assert.Equal("The precise reason", failed.Details);
        Assert.Equal(expected, failed.Class);
        Assert.Equal("AbC123xYz", failed.Error.FbTraceId);
        Assert.Equal(status, failed.Error.HttpStatus);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Timeout_is_unknown_not_failed_and_is_not_retried()
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Hanging(), configure: options =>
        {
            options.RequestTimeout = TimeSpan.FromMilliseconds(300);
            options.ConnectTimeout = TimeSpan.FromMilliseconds(100);
        });

        var result = await harness.SendTextAsync();

        Assert.IsType<SendResult.Unknown>(result);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.Unknown)]
    [InlineData(HttpRequestError.InvalidResponse)]
    public async Task Connection_lost_after_sending_is_unknown_and_not_retried(HttpRequestError error)
    {
        var reset = new HttpRequestException(error, "The response ended prematurely.", new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset)));
        using var harness = new GraphClientHarness(FakeGraphHandler.Throwing(reset));

        var result = await harness.SendTextAsync();

        Assert.IsType<SendResult.Unknown>(result);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Refused_connection_is_retried_then_reported_as_a_retryable_failure()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused));
        using var harness = new GraphClientHarness(FakeGraphHandler.Throwing(refused), configure: options => options.ConnectRetryCount = 2);

        var result = await harness.SendTextAsync();

        var failed = Assert.IsType<SendResult.Failed>(result);
        Assert.Equal(GraphError.NoGraphCode, failed.Code);
        Assert.Equal(GraphErrorClass.RetryWithBackoff, failed.Class);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "<html>Bad gateway</html>")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "")]
    [InlineData(HttpStatusCode.GatewayTimeout, "upstream timed out")]
    [InlineData(HttpStatusCode.OK, "not json")]
    [InlineData(HttpStatusCode.OK, """{"messaging_product":"whatsapp","messages":[]}""")]
    public async Task Answer_that_does_not_say_what_happened_is_unknown(HttpStatusCode status, string body)
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(status, body));

        var result = await harness.SendTextAsync();

        Assert.IsType<SendResult.Unknown>(result);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Client_error_without_a_graph_body_is_a_definite_failure()
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(HttpStatusCode.NotFound, "<html>Not found</html>"));

        var result = await harness.SendTextAsync();

        var failed = Assert.IsType<SendResult.Failed>(result);
        Assert.Equal(GraphError.NoGraphCode, failed.Code);
        Assert.Equal(GraphErrorClass.NeverRetry, failed.Class);
        Assert.Equal(HttpStatusCode.NotFound, failed.Error.HttpStatus);
    }

    [Fact]
    public async Task Missing_access_token_stops_sending_without_calling_Meta()
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(HttpStatusCode.OK, "{}"), accessToken: null);

        var result = await harness.SendTextAsync();

        Assert.Equal(GraphErrorClass.StopSending, Assert.IsType<SendResult.Failed>(result).Class);
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_is_thrown_not_reported()
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Hanging());
        using var cancellation = new CancellationTokenSource();
        var send = harness.Client.SendMessageAsync(GraphClientHarness.PhoneNumberId, SendMessageRequest.ForText("+14155550123", "Hi"), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
    }

    [Fact]
    public async Task Mark_as_read_error_is_classified()
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(
            HttpStatusCode.BadRequest,
            """{"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"error_data":{"messaging_product":"whatsapp","details":"Unknown message_id"},"fbtrace_id":"A1"}}"""));

        var result = await harness.Client.MarkAsReadAsync(GraphClientHarness.PhoneNumberId, new MarkAsReadRequest("wamid.unknown"));

        var failed = Assert.IsType<ReadReceiptResult.Failed>(result);
        Assert.Equal(100, failed.Error.Code);
        Assert.Equal(GraphErrorClass.NeverRetry, failed.Error.Class);
    }

    [Theory]
    [InlineData(0, 5, 2, 200)]
    [InlineData(10, 20, 2, 200)]
    [InlineData(10, 5, -1, 200)]
    [InlineData(10, 5, 2, -1)]
    public void Invalid_client_settings_are_rejected(int requestSeconds, int connectSeconds, int retries, int retryDelayMs)
    {
        var services = new ServiceCollection();
        services.AddWhatsAppGraphApiClient(options =>
        {
            options.RequestTimeout = TimeSpan.FromSeconds(requestSeconds);
            options.ConnectTimeout = TimeSpan.FromSeconds(connectSeconds);
            options.ConnectRetryCount = retries;
            options.ConnectRetryDelay = TimeSpan.FromMilliseconds(retryDelayMs);
        });
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GraphApiClientOptions>>().Value);
    }
}
