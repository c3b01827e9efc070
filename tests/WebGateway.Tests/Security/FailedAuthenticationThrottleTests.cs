using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;

namespace WaApp.WebGateway.Tests.Security;

[Collection(ApiClusterCollection.Name)]
public sealed class FailedAuthenticationThrottleTests(ApiClusterFixture fixture)
{
    private const int FailedAttemptLimit = 20;
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task An_address_that_keeps_presenting_wrong_keys_is_slowed_down_and_counted_while_others_are_not()
    {
        // Its own loopback address, so the other tests of this gateway (all from 127.0.0.1) keep their budget.
        var guesser = new IPAddress([127, 0, 0, (byte)Random.Shared.Next(2, 250)]);
        using var wrong = From(guesser, "not-the-key-" + Guid.NewGuid().ToString("N"));
        for (var attempt = 0; attempt < FailedAttemptLimit; attempt++)
        {
            using var refused = await wrong.GetAsync("/api/v1/businesses");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var throttled = await wrong.GetAsync("/api/v1/businesses");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var retryAfter = int.Parse(throttled.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);

        // While throttled even the right key is refused from that address: guessing cannot go on at full speed.
        using var right = From(guesser, LocalCluster.ApiKey);
        using var stillThrottled = await right.GetAsync("/api/v1/businesses");
        Assert.Equal(HttpStatusCode.TooManyRequests, stillThrottled.StatusCode);

        // Another address is not affected.
        using var agent = _cluster.CreateClient();
        using var allowed = await agent.GetAsync("/api/v1/businesses");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        using var management = new HttpClient { BaseAddress = new Uri(_cluster.GatewayManagementUrl) };
        var metrics = await management.GetStringAsync("/metrics");
        Assert.True(Counter(metrics, "reason=\"unknown_key\"") >= FailedAttemptLimit, metrics);
        Assert.True(Counter(metrics, "reason=\"throttled\"") >= 2, metrics);
    }

    private HttpClient From(IPAddress source, string key)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(_cluster.GatewayUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static double Counter(string metrics, string label) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith("waapp_api_authentication_failures_total{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
