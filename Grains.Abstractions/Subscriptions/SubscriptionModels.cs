namespace WaApp.Grains.Abstractions.Subscriptions;

/// <summary>A new subscription as the API hands it to the registry: the secret is sealed before it is stored.</summary>
[GenerateSerializer, Alias("waapp.SubscriptionRegistration")]
public sealed record SubscriptionRegistration(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string Secret,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>A subscription as the API lists it: never its secret.</summary>
[GenerateSerializer, Alias("waapp.SubscriptionDetails")]
public sealed record SubscriptionDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Url,
    [property: Id(3)] IReadOnlyList<string> Events,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>What a subscription's dispatcher needs to deliver: where, what, the secret to sign with and the tenant's numbers.</summary>
[GenerateSerializer, Alias("waapp.SubscriptionTarget")]
public sealed record SubscriptionTarget(
    [property: Id(0)] SubscriptionDetails Details,
    [property: Id(1)] string Secret,
    [property: Id(2)] IReadOnlyList<string> PhoneNumberIds)
{
    /// <summary>The business accounts (WABA ids) of the tenant's numbers: whose template events the subscription may receive.</summary>
    [Id(3)]
    public IReadOnlyList<string> BusinessAccountIds { get; init; } = [];
}

/// <summary>Which subscriptions hear of a number's conversations, at one registry version (silos cache it).</summary>
[GenerateSerializer, Alias("waapp.SubscriptionRoutes")]
public sealed record SubscriptionRoutes(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, IReadOnlyList<string>> SubscriptionsByNumber,
    [property: Id(2)] IReadOnlyList<string> SubscriptionIds)
{
    /// <summary>Which subscriptions hear of a business account's (WABA's) template events.</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SubscriptionsByAccount { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>A dispatcher's state as the API shows it.</summary>
/// <param name="State"><c>active</c> or <c>paused</c> (the retry budget of one event ran out; resume to go on).</param>
/// <param name="PendingConversations">Conversations (and business accounts, for template events) with events not yet acknowledged by the receiver.</param>
[GenerateSerializer, Alias("waapp.SubscriptionStatus")]
public sealed record SubscriptionStatus(
    [property: Id(0)] string State,
    [property: Id(1)] DateTimeOffset? PausedAt,
    [property: Id(2)] string? PausedReason,
    [property: Id(3)] int PendingConversations);

/// <summary>One delivery attempt: its delivery id, the outcome (status code or error) and how long the receiver took.</summary>
/// <param name="PhoneNumberId">The number of a conversation's event; null for a business account's (template) event.</param>
/// <param name="ConversationVersion">The event's version in its log (a conversation's, or the business account's).</param>
/// <param name="BusinessAccountId">The WABA of a template event; null for a conversation's event.</param>
[GenerateSerializer, Alias("waapp.SubscriptionDeliveryAttempt")]
public sealed record SubscriptionDeliveryAttempt(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string Type,
    [property: Id(2)] string? PhoneNumberId,
    [property: Id(3)] int ConversationVersion,
    [property: Id(4)] int Attempt,
    [property: Id(5)] DateTimeOffset AttemptedAt,
    [property: Id(6)] int? StatusCode,
    [property: Id(7)] long LatencyMilliseconds,
    [property: Id(8)] string? Error,
    [property: Id(9)] string? BusinessAccountId = null);

/// <summary>
/// Where a replay starts: either every conversation's (and business account's) events committed at or after
/// <see cref="Since"/>, or one stream's events after version <see cref="AfterVersion"/> (a cursor: a conversation's
/// stream, or a business account's for template events).
/// </summary>
[GenerateSerializer, Alias("waapp.SubscriptionReplay")]
public sealed record SubscriptionReplay(
    [property: Id(0)] DateTimeOffset? Since,
    [property: Id(1)] string? StreamId,
    [property: Id(2)] int AfterVersion);

[GenerateSerializer, Alias("waapp.SubscriptionReplayOutcome")]
public enum SubscriptionReplayOutcome
{
    Started,
    NotFound,
    NoActivityIndex,
}
