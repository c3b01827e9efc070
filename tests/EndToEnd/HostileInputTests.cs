using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// What the internet throws at a public webhook endpoint — slow bodies, connection storms, wrong methods, absurd
/// query strings, missing headers — against the real gateway process: it answers each with a clear 4xx, stays up,
/// and keeps storing valid webhooks meanwhile.
/// </summary>
public sealed class HostileInputTests(SingleSiloCluster fixture) : IClassFixture<SingleSiloCluster>
{
    private const int StormConnections = 2_000;
    private const int StormParallelism = 200;
    private const int SlowBodies = 20;

    private readonly LocalCluster _cluster = fixture.Cluster;

    private int GatewayPort => new Uri(_cluster.GatewayUrl).Port;

    [Fact]
    public async Task Connection_storm_and_slow_bodies_do_not_stop_valid_webhooks_from_being_stored()
    {
        using var stop = new CancellationTokenSource();
        var slow = Enumerable.Range(0, SlowBodies).Select(_ => TrickleBodyAsync(stop.Token)).ToArray();
        var idle = await OpenConnectionsAsync(StormConnections);

        // With 2,000 idle connections and the slow bodies open, valid webhooks are acknowledged and stored.
        var during = await PostValidAsync("while 2,000 connections are open");
        await DropConnectionsAsync(idle);
        var after = await PostValidAsync("after the storm");
        await stop.CancelAsync();
        await Task.WhenAll(slow);

        Assert.True(idle.Count(socket => socket is not null) >= StormConnections / 2, "most of the 2,000 connections should have been accepted");
        Assert.False(_cluster.Gateway!.HasExited, _cluster.Diagnostics());
        foreach (var (webhook, status) in during.Concat(after))
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal([webhook.MessageId], await MessageIdsAsync(webhook.ContactId));
        }
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Wrong_methods_on_the_webhook_get_405_and_store_nothing(string method)
    {
        var webhook = UniqueWebhooks.Text("wrong method");
        using var client = _cluster.CreateClient(authenticated: false);
        using var request = new HttpRequestMessage(new HttpMethod(method), "/webhook") { Content = new ByteArrayContent(webhook.Body) };
        request.Content.Headers.Add("X-Hub-Signature-256", WebhookFixtures.Sign(webhook.Body));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Empty(await MessageIdsAsync(webhook.ContactId));
    }

    [Fact]
    public async Task Signed_webhook_without_content_type_is_still_verified_over_its_bytes_and_stored()
    {
        // Meta always sends application/json, but the signature, not the header, decides what is genuine.
        var webhook = UniqueWebhooks.Text("no content type");
        using var client = _cluster.CreateClient(authenticated: false);
        using var content = new ByteArrayContent(webhook.Body);
        content.Headers.Add("X-Hub-Signature-256", WebhookFixtures.Sign(webhook.Body));

        using var response = await client.PostAsync("/webhook", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([webhook.MessageId], await MessageIdsAsync(webhook.ContactId));
    }

    [Fact]
    public async Task Absurd_query_strings_get_a_4xx_and_never_a_verification_or_a_server_error()
    {
        var cases = new[]
        {
            "/webhook?" + string.Join('&', Enumerable.Range(0, 600).Select(i => $"hub.mode={i}")),
            "/webhook?hub.mode=subscribe&hub.verify_token=%ZZ%&hub.challenge=%00%FF",
            "/webhook?hub.mode=subscribe&hub.verify_token=" + new string('x', 7_000) + "&hub.challenge=1",
            "/webhook?hub.challenge=" + new string('y', 100_000),
            "/webhook?hub.mode=subscribe&hub.mode=subscribe&hub.verify_token=" + LocalCluster.VerifyToken + "x&hub.challenge=2",
        };

        foreach (var path in cases)
        {
            var status = await RawStatusAsync($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            Assert.True(status is >= 400 and < 500, $"GET {path[..Math.Min(80, path.Length)]}... answered {status}");
        }

        // A signed POST with a huge query string: either refused as too long, or handled on its bytes.
        var webhook = UniqueWebhooks.Text("long query");
        using var client = _cluster.CreateClient(authenticated: false);
        using var content = new ByteArrayContent(webhook.Body);
        content.Headers.Add("X-Hub-Signature-256", WebhookFixtures.Sign(webhook.Body));
        using var post = await client.PostAsync("/webhook?" + new string('q', 6_000), content);
        Assert.True(post.StatusCode is HttpStatusCode.OK or HttpStatusCode.RequestUriTooLong, $"answered {post.StatusCode}");
        Assert.False(_cluster.Gateway!.HasExited, _cluster.Diagnostics());
    }

    private async Task<(UniqueWebhook Webhook, HttpStatusCode Status)[]> PostValidAsync(string text) =>
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
        {
            var webhook = UniqueWebhooks.Text($"{text} {i}");
            using var response = await _cluster.PostWebhookAsync(webhook.Body);
            return (new UniqueWebhook(webhook.ContactId, webhook.MessageId), response.StatusCode);
        }));

    // All at once, and held open: a client (or an attacker) with thousands of idle connections.
    private async Task<Socket?[]> OpenConnectionsAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, GatewayPort);
                return socket;
            }
            catch (SocketException)
            {
                // A full accept backlog refusing some connections is the OS protecting the server.
                socket.Dispose();
                return null;
            }
        }));

    // Each connection then does one of: close at once, send half a request line, send garbage, send headers and
    // part of a body — and is reset, like a client that crashed.
    private static async Task DropConnectionsAsync(Socket?[] sockets)
    {
        var partial = Encoding.ASCII.GetBytes("POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Len");
        var garbage = new byte[512];
        Random.Shared.NextBytes(garbage);
        var headersOnly = Encoding.ASCII.GetBytes("POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"entry\"");
        await Parallel.ForAsync(0, sockets.Length, new ParallelOptions { MaxDegreeOfParallelism = StormParallelism }, async (i, cancellationToken) =>
        {
            using var socket = sockets[i];
            if (socket is null)
            {
                return;
            }

            try
            {
                var payload = (i % 4) switch { 0 => [], 1 => partial, 2 => garbage, _ => headersOnly };
                if (payload.Length > 0)
                {
                    await socket.SendAsync(payload, SocketFlags.None, cancellationToken);
                }

                socket.LingerState = new LingerOption(true, 0);
            }
            catch (SocketException)
            {
                // The server may already have closed an idle or garbled connection.
            }
        });
    }

    // A POST that announces a body and sends it a few bytes at a time until told to stop, then drops the connection.
    private async Task TrickleBodyAsync(CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, GatewayPort);
        var head = "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Hub-Signature-256: sha256=00\r\nContent-Length: 100000\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await socket.SendAsync("{\"entry\":["u8.ToArray(), SocketFlags.None);
                await Task.Delay(TimeSpan.FromMilliseconds(300), stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
            // Kestrel may cut a body that is too slow: that is the protection working.
        }
    }

    private async Task<int> RawStatusAsync(string request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, GatewayPort);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);
        var buffer = new byte[1024];
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(15));
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        var parts = statusLine.Split(' ');
        return parts.Length >= 2 && int.TryParse(parts[1], out var status) ? status : throw new InvalidOperationException($"Not an HTTP answer: '{statusLine}'");
    }

    private sealed record UniqueWebhook(string ContactId, string MessageId);

    private async Task<string[]> MessageIdsAsync(string contactId)
    {
        using var client = _cluster.CreateClient();
        using var response = await client.GetAsync(UniqueWebhooks.MessagesPath(contactId));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
    }
}
