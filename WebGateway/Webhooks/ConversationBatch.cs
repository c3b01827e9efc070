using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.WebGateway.Webhooks;

/// <summary>The updates of one webhook for one conversation, in delivery order.</summary>
public sealed record ConversationBatch(ConversationKey Key, IReadOnlyList<ConversationUpdate> Updates);
