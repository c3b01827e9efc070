using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Subscriptions;

namespace WaApp.Grains.Subscriptions;

/// <summary>What one POST to a receiver came to.</summary>
public readonly record struct SendOutcome(int? StatusCode, long LatencyMilliseconds, string? Error)
{
    public bool Acknowledged => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts signed events to receivers. Every connection resolves the receiver's host itself and connects only to
/// addresses <see cref="SubscriptionAddressRules"/> allows, so a host name that resolves (or later re-resolves) to a
/// link-local, metadata, private or loopback address cannot be reached through a subscription. No redirects are
/// followed and no proxy is used, for the same reason.
/// </summary>
public sealed class SubscriptionSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly SubscriptionOptions _options;
    private readonly TimeProvider _clock;

    public SubscriptionSender(IOptions<SubscriptionOptions> options, IHostEnvironment environment, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        SubscriptionAddressRules.TryParseNetworks(_options.AllowedPrivateNetworks, out var networks, out _);
        Rules = new SubscriptionAddressRules(environment.IsDevelopment(), networks);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _options.RequestTimeout,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("WaApp-Subscriptions", "1"));
    }

    public SubscriptionAddressRules Rules { get; }

    public async Task<SendOutcome> PostAsync(string url, string secret, string deliveryId, byte[] body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(SubscriptionPayload.SignatureHeader, SubscriptionPayload.Signature(secret, _clock.GetUtcNow().ToUnixTimeSeconds(), body));
            request.Headers.TryAddWithoutValidation(SubscriptionPayload.DeliveryIdHeader, deliveryId);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new SendOutcome((int)response.StatusCode, Elapsed(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(null, Elapsed(started), $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return new SendOutcome(null, Elapsed(started), exception.InnerException is SubscriptionAddressException refused ? refused.Message : exception.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = Array.FindAll(addresses, address => Rules.Refusal(address) is null);
        if (allowed.Length == 0)
        {
            throw new SubscriptionAddressException(addresses.Length == 0
                ? "the receiver's host has no address"
                : $"the receiver's host resolves to {Rules.Refusal(addresses[0])}, which subscriptions may not reach");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The receiver's host resolved only to addresses subscriptions may not reach.</summary>
public sealed class SubscriptionAddressException(string message) : Exception(message);
