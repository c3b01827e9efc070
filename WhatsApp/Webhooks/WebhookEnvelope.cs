namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// A webhook body as read, before it is flattened: every entry and change, with typed values and the exact JSON
/// text of each item. Internal: callers get <see cref="ParsedWebhook"/> from <see cref="WebhookParser.Parse"/>.
/// </summary>
internal sealed record WebhookEnvelope(string Object, IReadOnlyList<WebhookEntry> Entries);

/// <summary>One <c>entry[]</c>: the WhatsApp Business Account (WABA) and its changes.</summary>
internal sealed record WebhookEntry(string? Id, DateTimeOffset? Time, IReadOnlyList<WebhookChange> Changes)
{
    /// <summary>
    /// The App Dashboard "Test" button posts samples with entry id <c>0</c> and dummy ids; they must not reach
    /// business logic.
    /// </summary>
    public bool IsDashboardSample => Id == "0";
}

/// <summary>
/// One <c>changes[]</c> item. <see cref="Messages"/> is set for fields whose value has the messages shape
/// (<c>messages</c>, <c>user_preferences</c>); <see cref="BusinessValue"/> for the business fields WaApp models;
/// any other field is kept only as <see cref="RawValueJson"/>.
/// </summary>
internal sealed record WebhookChange(string Field, string RawValueJson, MessagesValue? Messages, BusinessFieldValue? BusinessValue)
{
    /// <summary>Calling, coexistence and Groups API fields, routed to conversations (see <see cref="ExtendedFieldReader"/>).</summary>
    public ExtendedValue? Extended { get; init; }
}

/// <summary>The value of a <c>messages</c>-shaped change. Each item keeps its exact JSON text from the body.</summary>
internal sealed record MessagesValue(
    WebhookMetadata? Metadata,
    IReadOnlyList<WebhookItem<WebhookContact>> Contacts,
    IReadOnlyList<WebhookItem<WebhookMessage>> Messages,
    IReadOnlyList<WebhookItem<WebhookStatus>> Statuses,
    IReadOnlyList<WebhookItem<WebhookError>> Errors,
    IReadOnlyList<WebhookItem<WebhookUserPreference>> UserPreferences);

/// <summary>A typed item together with its JSON text exactly as it appeared in the signed body.</summary>
internal sealed record WebhookItem<T>(T Value, string RawJson);
