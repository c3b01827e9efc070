using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>A stand-in gateway on real Kestrel: records every webhook with its bytes, signature check and arrival time.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookSignatureVerifier _verifier = new([WebhookFixtures.AppSecret]);
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Uri Url => new(_app.Urls.First() + "/webhook");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/webhook", (HttpRequest request) => receiver.HandleAsync(request));
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> webhooks are answered 500, as a gateway whose storage is down.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public IReadOnlyList<ReceivedWebhook> StatusesFor(string messageId) =>
        [.. Received.Where(webhook => webhook.Accepted && webhook.StatusFor(messageId) is not null)];

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        var signed = _verifier.IsValid(body, request.Headers[WebhookSignatureVerifier.HeaderName]);
        var accepted = Interlocked.Decrement(ref _failuresLeft) < 0;
        Received.Enqueue(new ReceivedWebhook(DateTimeOffset.UtcNow, body, signed, accepted));
        return accepted ? Results.Ok() : Results.StatusCode(StatusCodes.Status500InternalServerError);
    }
}

internal sealed record ReceivedWebhook(DateTimeOffset ReceivedAt, byte[] Body, bool SignatureValid, bool Accepted)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public JsonNode Value => Json["entry"]![0]!["changes"]![0]!["value"]!;

    /// <summary>The status of <paramref name="messageId"/> in this webhook, if it carries one.</summary>
    public JsonNode? StatusFor(string messageId) =>
        Value["statuses"]?.AsArray().FirstOrDefault(status => (string?)status!["id"] == messageId);
}
