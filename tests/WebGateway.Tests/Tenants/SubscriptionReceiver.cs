using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Tenants;

/// <summary>
/// An integration's endpoint, as a customer would write one: a small Kestrel server on loopback that records every
/// POST (body, signature header) and answers 500 to the first <see cref="FailFirst"/> attempts or while
/// <see cref="Failing"/> is set, 200 otherwise.
/// </summary>
public sealed class SubscriptionReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _attempts;

    private SubscriptionReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public int FailFirst { get; set; }

    public volatile bool Failing;

    public ConcurrentQueue<Received> Attempts { get; } = new();

    /// <summary>The acknowledged deliveries, in the order they were acknowledged.</summary>
    public IReadOnlyList<Received> Acknowledged => [.. Attempts.Where(attempt => attempt.Acknowledged)];

    public static async Task<SubscriptionReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseSetting("urls", $"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new SubscriptionReceiver(app, $"http://127.0.0.1:{port}/hooks/waapp");
        app.MapPost("/hooks/waapp", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Checks a <c>WaApp-Signature</c> header the way docs/api.md tells integrations to.</summary>
    public static bool Verifies(string secret, string? header, byte[] body)
    {
        var parts = (header ?? "").Split(',').Select(part => part.Split('=', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes(t + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var attempt = Interlocked.Increment(ref _attempts);
        var fail = attempt <= FailFirst || Failing;
        Attempts.Enqueue(new Received(body, context.Request.Headers["WaApp-Signature"].ToString(), !fail));
        return fail ? Results.StatusCode(StatusCodes.Status500InternalServerError) : Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(byte[] Body, string Signature, bool Acknowledged)
    {
        public JsonElement Json { get; } = JsonDocument.Parse(Body).RootElement.Clone();

        public string Id => Json.GetProperty("id").GetString()!;

        public string ContactId => Json.GetProperty("contactId").GetString()!;

        public int Version => Json.GetProperty("conversationVersion").GetInt32();

        public string Type => Json.GetProperty("type").GetString()!;
    }
}
