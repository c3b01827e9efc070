using WaApp.EventSourcing.Storage;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Subscriptions;

namespace WaApp.Grains.Subscriptions;

/// <summary>One event as a subscriber receives it: its name, whose it is and its <c>data</c> (JSON).</summary>
public sealed record SubscriptionEvent(string Type, string? PhoneNumberId, string? ContactId, string? BusinessAccountId, string DataJson);

/// <summary>
/// A log a dispatcher reads: a conversation's (message and conversation events) or a business account's (template
/// events). Live delivery, recovery and replay all read events through it, so they agree on what is delivered.
/// </summary>
public abstract record SubscriptionSource
{
    /// <summary>The source <paramref name="streamId"/> is, or null for a stream subscribers never read.</summary>
    public static SubscriptionSource? Of(string streamId) =>
        SubscriptionPayload.ConversationOf(streamId) is { } conversation ? new ConversationSource(conversation)
        : SubscriptionPayload.AccountOf(streamId) is { } account ? new AccountSource(account)
        : null;

    /// <summary>What subscribers see of <paramref name="recorded"/>, or null when they never see it.</summary>
    public abstract SubscriptionEvent? Read(RecordedEvent recorded);
}

public sealed record ConversationSource(ConversationKey Conversation) : SubscriptionSource
{
    public override SubscriptionEvent? Read(RecordedEvent recorded) =>
        SubscriptionEventMap.TypeOf(recorded) is { } type ? new SubscriptionEvent(type, Conversation.PhoneNumberId, Conversation.ContactId, null, recorded.Event.Json) : null;
}

/// <summary>A WhatsApp Business Account's notice log: its template webhooks are <c>template.status</c> events.</summary>
public sealed record AccountSource(string BusinessAccountId) : SubscriptionSource
{
    public override SubscriptionEvent? Read(RecordedEvent recorded) =>
        TemplateStatusData.Build(BusinessAccountId, recorded) is { } data ? new SubscriptionEvent(SubscriptionEventTypes.TemplateStatus, null, null, BusinessAccountId, data) : null;
}
