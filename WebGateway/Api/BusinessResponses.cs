using WaApp.Grains.Abstractions.Business;

namespace WaApp.WebGateway.Api;

/// <summary>The business numbers WaApp has seen.</summary>
public sealed record BusinessListResponse(IReadOnlyList<BusinessSummary> Items);

/// <summary>A page of a business's conversations, most recently active first; <see cref="Next"/> continues (null at the end).</summary>
public sealed record ConversationListResponse(IReadOnlyList<ConversationSnapshot> Items, string? Next);
