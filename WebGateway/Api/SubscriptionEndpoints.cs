using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.WebGateway.Tenants;

namespace WaApp.WebGateway.Api;

/// <summary>
/// <c>/api/v1/subscriptions</c>: a tenant's <c>admin</c> key registers URLs that receive the tenant's events (signed,
/// at least once, in order per conversation), and inspects, replays, resumes and deletes them. A subscription of
/// another tenant answers 404, as if it did not exist.
/// </summary>
public static class SubscriptionEndpoints
{
    public const string Prefix = "/api/v1/subscriptions";

    private const int MaxEvents = 20;
    private const int MinSecretLength = 16;
    private const int MaxSecretLength = 256;
    private const string StreamPrefix = "conversation/";

    // A business account's log (the business account grain's stream): where template events are read from.
    private const string AccountStreamPrefix = "business-account/";

    /// <summary>What a cursor names instead of a customer to point into a business account's template events.</summary>
    public const string TemplatesCursor = "templates";
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    public static WebApplication MapSubscriptionsApi(this WebApplication app)
    {
        var subscriptions = app.MapGroup(Prefix).WithTags("Subscriptions")
            .RequireAuthorization(TenantRoles.AdminPolicy)
            .WithRequestSizeLimit(FieldLimits.RequestBodyBytes)
            .AddEndpointFilter(async (context, next) =>
            {
                var user = context.HttpContext.User;
                if (!user.IsInRole(TenantRoles.TenantAdmin) || TenantClaims.TenantOf(user) is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Subscriptions belong to a tenant: use an admin key of the tenant.");
                }

                // A subscription receives every number's events, so a key limited to some numbers may not manage one.
                if (user.HasClaim(claim => claim.Type == TenantClaims.Number))
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Subscriptions cover every number of the tenant: use an admin key that is not limited to some numbers.");
                }

                // A tenant key is honoured only while this gateway's copy of the directory is current (it may have been revoked).
                return context.HttpContext.RequestServices.GetRequiredService<TenantDirectory>().IsCurrent
                    ? await next(context)
                    : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: "The tenant directory is not available; retry shortly.");
            });
        subscriptions.MapPost("/", CreateAsync).WithName("CreateSubscription")
            .WithSummary("Registers a URL that receives the tenant's events; the signing secret is in this answer only.")
            .Produces<SubscriptionCreated>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapGet("/", ListAsync).WithName("ListSubscriptions").WithSummary("The tenant's subscriptions with their state.")
            .Produces<SubscriptionList>();
        subscriptions.MapGet("/{subscriptionId}", GetAsync).WithName("GetSubscription").WithSummary("A subscription and its state (active or paused).")
            .Produces<SubscriptionView>().ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapDelete("/{subscriptionId}", DeleteAsync).WithName("DeleteSubscription").WithSummary("Stops and forgets a subscription.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapPost("/{subscriptionId}/resume", ResumeAsync).WithName("ResumeSubscription")
            .WithSummary("Lifts a pause: delivery goes on from the event whose retries ran out.")
            .Produces<SubscriptionView>().ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapPost("/{subscriptionId}/replay", ReplayAsync).WithName("ReplaySubscription")
            .WithSummary("Delivers again, from the event log, every event after a cursor or since a time.")
            .Produces<SubscriptionView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapGet("/{subscriptionId}/deliveries", DeliveriesAsync).WithName("ListSubscriptionDeliveries")
            .WithSummary("Recent delivery attempts, newest first: status code or error, and latency.")
            .Produces<SubscriptionDeliveries>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static ITenantRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);

    private static async Task<IResult> CreateAsync(
        CreateSubscriptionRequest? request, ClaimsPrincipal user, IGrainFactory grains, SubscriptionAddressRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = TenantClaims.TenantOf(user)!;
        if (rules.UrlRefusal(request?.Url) is { } refusal)
        {
            return Problems.Validation("url", $"Refused: {refusal}.");
        }

        var events = request!.Events ?? [];
        if (events.Count is 0 or > MaxEvents)
        {
            return Problems.Validation("events", $"A subscription names 1 to {MaxEvents} events, from: {string.Join(", ", SubscriptionEventTypes.All)}.");
        }

        if (events.FirstOrDefault(name => !SubscriptionEventTypes.All.Contains(name)) is { } unknown)
        {
            return Problems.Validation("events", $"Unknown event '{unknown}'; known events: {string.Join(", ", SubscriptionEventTypes.All)}.");
        }

        if (request.Secret is { } given && (given.Length is < MinSecretLength or > MaxSecretLength || given.Any(char.IsWhiteSpace)))
        {
            return Problems.Validation("secret", $"A secret is {MinSecretLength} to {MaxSecretLength} characters without white space (or leave it out to get one).");
        }

        var url = new Uri(request!.Url!);
        if (await ResolvedRefusalAsync(url, rules, cancellationToken) is { } resolvedRefusal)
        {
            return Problems.Validation("url", $"Refused: {resolvedRefusal}.");
        }

        var id = $"sub_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var secret = request.Secret ?? $"whsec_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
        var createdAt = clock.GetUtcNow();
        var names = events.Distinct(StringComparer.Ordinal).ToList();
        var change = await Registry(grains).AddSubscriptionAsync(tenantId, new SubscriptionRegistration(id, url.AbsoluteUri, names, secret, createdAt));
        return change.Outcome switch
        {
            TenantChangeOutcome.Applied => Results.Created($"{Prefix}/{id}", new SubscriptionCreated(id, secret, url.AbsoluteUri, names, createdAt)),
            TenantChangeOutcome.Full => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "The tenant has as many subscriptions as it may; delete one first."),
            _ => Problems.NotFound("No tenant with this id is known."),
        };
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var all = await Registry(grains).ListSubscriptionsAsync(TenantClaims.TenantOf(user)!) ?? [];
        var views = await Task.WhenAll(all.Select(subscription => ViewAsync(grains, subscription)));
        return Results.Ok(new SubscriptionList(views));
    }

    private static async Task<IResult> GetAsync(string subscriptionId, ClaimsPrincipal user, IGrainFactory grains) =>
        await FindAsync(grains, user, subscriptionId) is { } subscription ? Results.Ok(await ViewAsync(grains, subscription)) : SubscriptionNotFound();

    private static async Task<IResult> DeleteAsync(string subscriptionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var change = await Registry(grains).RemoveSubscriptionAsync(TenantClaims.TenantOf(user)!, subscriptionId);
        if (change.Outcome != TenantChangeOutcome.Applied)
        {
            return SubscriptionNotFound();
        }

        await grains.GetGrain<ISubscriptionGrain>(subscriptionId).ForgetAsync();
        return Results.NoContent();
    }

    private static async Task<IResult> ResumeAsync(string subscriptionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await FindAsync(grains, user, subscriptionId) is not { } subscription)
        {
            return SubscriptionNotFound();
        }

        await grains.GetGrain<ISubscriptionGrain>(subscriptionId).ResumeAsync();
        return Results.Ok(await ViewAsync(grains, subscription));
    }

    private static async Task<IResult> ReplayAsync(string subscriptionId, ReplayRequest? request, ClaimsPrincipal user, IGrainFactory grains, TenantDirectory directory)
    {
        if (await FindAsync(grains, user, subscriptionId) is not { } subscription)
        {
            return SubscriptionNotFound();
        }

        if (ParseFrom(request?.From) is not { } replay)
        {
            return Problems.Validation("from", "'from' is an ISO 8601 time with an offset (2026-01-31T12:00:00Z), a cursor '<phoneNumberId>:<contactId>@<conversationVersion>' or a template cursor '<businessAccountId>:templates@<version>'.");
        }

        // An account's cursor is checked by the dispatcher, which knows the tenant's accounts (404 for another's).
        if (replay.StreamId is { } streamId && streamId.StartsWith(StreamPrefix, StringComparison.Ordinal)
            && !directory.MayAccess(user, ConversationKey.Parse(streamId[StreamPrefix.Length..]).PhoneNumberId))
        {
            return Problems.NotFound("No conversation of this cursor is known.");
        }

        return await grains.GetGrain<ISubscriptionGrain>(subscriptionId).ReplayAsync(replay) switch
        {
            SubscriptionReplayOutcome.Started => Results.Accepted($"{Prefix}/{subscriptionId}/deliveries", await ViewAsync(grains, subscription)),
            SubscriptionReplayOutcome.NoActivityIndex => Results.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "Not implemented", detail: "Replay from a time needs the activity index; replay from a cursor instead."),
            _ => Problems.NotFound("No conversation of this cursor is known."),
        };
    }

    private static async Task<IResult> DeliveriesAsync(string subscriptionId, ClaimsPrincipal user, IGrainFactory grains) =>
        await FindAsync(grains, user, subscriptionId) is null
            ? SubscriptionNotFound()
            : Results.Ok(new SubscriptionDeliveries(await grains.GetGrain<ISubscriptionGrain>(subscriptionId).GetDeliveriesAsync()));

    /// <summary>
    /// A time (ISO 8601 with an offset), a cursor <c>&lt;phoneNumberId&gt;:&lt;contactId&gt;@&lt;version&gt;</c>, or a template
    /// cursor <c>&lt;businessAccountId&gt;:templates@&lt;version&gt;</c> (a template event's <c>conversationVersion</c>).
    /// </summary>
    internal static SubscriptionReplay? ParseFrom(string? from)
    {
        if (string.IsNullOrWhiteSpace(from) || from.Length > 300)
        {
            return null;
        }

        var at = from.LastIndexOf('@');
        if (at > 0 && int.TryParse(from.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            var position = from[..at];
            var colon = position.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && position[(colon + 1)..] == TemplatesCursor && IsPlainId(position[..colon]))
            {
                return new SubscriptionReplay(null, AccountStreamPrefix + position[..colon], version);
            }

            if (ConversationKey.TryParse(position, out var conversation))
            {
                return new SubscriptionReplay(null, StreamPrefix + conversation, version);
            }
        }

        // An offset is required: a time without one would mean something different on every server.
        return from.Contains('T', StringComparison.Ordinal)
            && (from.EndsWith('Z') || from.LastIndexOfAny(['+', '-']) > from.IndexOf('T', StringComparison.Ordinal))
            && DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.None, out var since)
            ? new SubscriptionReplay(since, null, -1)
            : null;
    }

    // WABA ids are digits; anything else cannot name one of the tenant's accounts.
    private static bool IsPlainId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);

    // A host name that resolves only to refused addresses is refused now rather than failing every delivery later.
    // One that cannot be resolved yet is accepted: every delivery resolves and checks it again.
    private static async Task<string?> ResolvedRefusalAsync(Uri url, SubscriptionAddressRules rules, CancellationToken cancellationToken)
    {
        if (url.HostNameType != UriHostNameType.Dns || url.IsLoopback)
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            var addresses = await Dns.GetHostAddressesAsync(url.IdnHost, timeout.Token);
            var refusals = addresses.Select(rules.Refusal).ToList();
            return refusals.Count > 0 && refusals.TrueForAll(refusal => refusal is not null) ? $"the URL's host resolves to {refusals[0]}" : null;
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<SubscriptionDetails?> FindAsync(IGrainFactory grains, ClaimsPrincipal user, string subscriptionId) =>
        (await Registry(grains).ListSubscriptionsAsync(TenantClaims.TenantOf(user)!))?.FirstOrDefault(subscription => subscription.Id == subscriptionId);

    private static async Task<SubscriptionView> ViewAsync(IGrainFactory grains, SubscriptionDetails subscription)
    {
        var status = await grains.GetGrain<ISubscriptionGrain>(subscription.Id).GetStatusAsync();
        return new SubscriptionView(subscription.Id, subscription.Url, subscription.Events, subscription.CreatedAt, status.State, status.PausedAt, status.PausedReason, status.PendingConversations);
    }

    private static IResult SubscriptionNotFound() => Problems.NotFound("No subscription with this id is known.");
}

/// <param name="Secret">Optional: the signing secret to use; one is generated when left out.</param>
public sealed record CreateSubscriptionRequest(string? Url, IReadOnlyList<string>? Events, string? Secret);

/// <param name="Secret">The signing secret: shown only in this answer.</param>
public sealed record SubscriptionCreated(string Id, string Secret, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <param name="State"><c>active</c> or <c>paused</c>.</param>
public sealed record SubscriptionView(
    string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string State, DateTimeOffset? PausedAt, string? PausedReason, int PendingConversations);

public sealed record SubscriptionList(IReadOnlyList<SubscriptionView> Subscriptions);

public sealed record SubscriptionDeliveries(IReadOnlyList<SubscriptionDeliveryAttempt> Deliveries);

/// <param name="From">
/// A time (ISO 8601 with an offset), a cursor <c>&lt;phoneNumberId&gt;:&lt;contactId&gt;@&lt;conversationVersion&gt;</c>, or a
/// template cursor <c>&lt;businessAccountId&gt;:templates@&lt;conversationVersion&gt;</c>.
/// </param>
public sealed record ReplayRequest(string? From);
