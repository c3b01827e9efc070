namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>A status Meta reported for a message the business sent.</summary>
/// <param name="MessageId">The wamid of the business's message.</param>
/// <param name="Status"><c>sent</c>, <c>delivered</c>, <c>read</c>, <c>played</c>, <c>failed</c>, or a newer value kept as is.</param>
/// <param name="Timestamp">When the message reached this status (Meta's clock).</param>
/// <param name="RawJson">The status object exactly as Meta sent it.</param>
[GenerateSerializer, Immutable, Alias("waapp.StatusReport")]
public sealed record StatusReport(
    string MessageId,
    string Status,
    DateTimeOffset Timestamp,
    string? RecipientId,
    string? RecipientUserId,
    string? BizOpaqueCallbackData,
    PricingInfo? Pricing,
    PricingConversation? Conversation,
    IReadOnlyList<ErrorDetail>? Errors,
    string RawJson) : ConversationUpdate;

[GenerateSerializer, Immutable, Alias("waapp.PricingInfo")]
public sealed record PricingInfo(bool? Billable, string? PricingModel, string? Type, string? Category);

[GenerateSerializer, Immutable, Alias("waapp.PricingConversation")]
public sealed record PricingConversation(string? Id, DateTimeOffset? ExpiresAt, string? OriginType);
