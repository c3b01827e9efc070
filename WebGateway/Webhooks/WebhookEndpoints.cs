using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WaApp.WebGateway.Webhooks.Identities;
using WaApp.WebGateway.Tenants;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks;

/// <summary><c>GET /webhook</c> (Meta's verification handshake) and <c>POST /webhook</c> (updates), design section 5.</summary>
public static class WebhookEndpoints
{
    // The category CreateLogger(typeof(WebhookEndpoints)) names, without building the type's name per request.
    private const string LogCategory = "WaApp.WebGateway.Webhooks.WebhookEndpoints";

    public static IEndpointRouteBuilder MapWebhook(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/webhook", Verify).AllowAnonymous();
        routes.MapPost("/webhook", ReceiveAsync)
            .AllowAnonymous()
            .RequireRateLimiting(WebhookConcurrencyPolicy.Name)
            .AddEndpointFilter<WebhookObservationFilter>();
        return routes;
    }

    private static IResult Verify(HttpRequest request, IOptions<WebhookOptions> options, ILoggerFactory loggers)
    {
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        var expected = Encoding.UTF8.GetBytes(options.Value.VerifyToken);
        if (mode == "subscribe" && expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), expected))
        {
            return Results.Text(challenge, "text/plain", Encoding.UTF8);
        }

        WebhookLog.VerificationRefused(loggers.CreateLogger(LogCategory), mode);
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        IOptions<WebhookOptions> options,
        WebhookSignatureVerifier verifier,
        WebhookDispatcher dispatcher,
        WebhookIdentityResolver identities,
        TimeProvider clock,
        ILoggerFactory loggers,
        TenantDirectory tenants,
        TenantMetrics tenantMetrics,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var limit = options.Value.MaxWebhookBodyBytes;
        WebhookBody? body;
        try
        {
            body = await WebhookBodyReader.ReadAsync(request, limit, cancellationToken);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel cut the body (below the minimum data rate, or shorter than announced) and closes the connection.
            WebhookLog.BodyNotReceived(logger, exception.StatusCode);
            return Results.StatusCode(exception.StatusCode);
        }

        // The pooled buffer goes back once the answer is decided, after the dispatch below has finished with it.
        using var pooled = body;
        if (body is null)
        {
            WebhookLog.BodyTooLarge(logger, limit);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook body too large",
                detail: $"Webhook bodies are limited to {limit} bytes.");
        }

        // The signature covers the exact bytes on the wire: check it before looking at the JSON at all.
        var signature = request.Headers[WebhookSignatureVerifier.HeaderName].ToString();
        if (!verifier.IsValid(body.Bytes.Span, signature) && !tenants.IsSignedByTenantApp(body.Bytes.Span, signature))
        {
            // Before the tenant directory is loaded a tenant app's signature cannot be checked: let Meta retry.
            if (tenants.Version < 0)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Starting",
                    detail: "The tenant directory is not loaded yet; retry the delivery.");
            }

            WebhookLog.SignatureRejected(logger, body.Length);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook signature",
                detail: $"The {WebhookSignatureVerifier.HeaderName} header is missing or does not match the body.");
        }

        ParsedWebhook parsed;
        try
        {
            parsed = WebhookParser.Parse(body.Bytes);
        }
        catch (WebhookFormatException exception)
        {
            WebhookLog.Malformed(logger, exception.Message);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook", detail: exception.Message);
        }

        // Authentic but about another Meta product: a 4xx would only make Meta retry it for days.
        if (!parsed.IsWhatsApp)
        {
            WebhookLog.NotWhatsApp(logger, parsed.Object);
            return Results.Ok();
        }

        if (parsed.DashboardSampleCount > 0)
        {
            WebhookLog.DashboardSampleIgnored(logger, parsed.DashboardSampleCount);
        }

        // Until the gateway knows which numbers tenants own it cannot tell what to store: let Meta retry.
        if (tenants.Version < 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Starting",
                detail: "The tenant directory is not loaded yet; retry the delivery.");
        }

        IReadOnlyList<WebhookUpdate> updates;
        try
        {
            updates = await identities.ResolveAsync(TenantWebhookFilter.Owned(parsed.Updates, tenants, out var unownedUpdates), cancellationToken);
            tenantMetrics.Unowned(unownedUpdates);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WebhookLog.IdentitiesUnavailable(logger, exception);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable",
                detail: "The customers' identities could not be resolved in time; retry the delivery.");
        }

        var plan = TenantWebhookFilter.Apply(WebhookRouter.Plan(updates, clock.GetUtcNow()), tenants, out var unowned);
        tenantMetrics.Unowned(unowned);
        foreach (var item in plan.Unroutable)
        {
            WebhookLog.Unroutable(logger, item.Source.Field, item.Reason);
        }

        if (!await dispatcher.DispatchAsync(plan, cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable",
                detail: "The updates could not be stored in time; retry the delivery.");
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            // The count is a sum over the plan: worked out only when the Debug line is written.
            WebhookLog.Stored(logger, plan.DurableUpdateCount, plan.Conversations.Count + plan.BusinessAccounts.Count);
        }
        return Results.Ok();
    }
}
