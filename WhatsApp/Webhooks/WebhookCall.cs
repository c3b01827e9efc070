using System.Text.Json;
using System.Text.Json.Serialization;
using WaApp.WhatsApp.Webhooks.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// One Calling API event (<c>calls</c> field): <c>connect</c> (a call is offered or answered) or <c>terminate</c>
/// (it ended, with <see cref="Status"/> <c>COMPLETED</c> or <c>FAILED</c> and its duration). Statuses of
/// business-initiated calls (<c>RINGING</c>, <c>ACCEPTED</c>, <c>REJECTED</c>) arrive as <c>statuses[]</c> of the
/// same field and are read into this shape with <see cref="Event"/> <c>status</c>.
/// </summary>
public sealed record WebhookCall
{
    /// <summary>The call id (<c>wacid.…</c>): every event of one call carries it.</summary>
    public string? Id { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? FromUserId { get; init; }

    public string? ToUserId { get; init; }

    /// <summary><c>connect</c>, <c>terminate</c>, or <c>status</c> for a status of a business-initiated call.</summary>
    public string? Event { get; init; }

    /// <summary><c>USER_INITIATED</c> (the user called the business) or <c>BUSINESS_INITIATED</c>.</summary>
    public string? Direction { get; init; }

    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    public string? Status { get; init; }

    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? StartTime { get; init; }

    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Seconds the call was connected (terminate only).</summary>
    public int? Duration { get; init; }

    public string? BizOpaqueCallbackData { get; init; }

    /// <summary>The SDP session and anything newer, kept as JSON (WaApp does not carry media).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public const string UserInitiated = "USER_INITIATED";

    /// <summary>True when the user called the business.</summary>
    [JsonIgnore]
    public bool IsIncoming => string.Equals(Direction, UserInitiated, StringComparison.OrdinalIgnoreCase);

    /// <summary>The user on the other end: the caller of an incoming call, the callee of an outgoing one.</summary>
    [JsonIgnore]
    public string? ContactId => IsIncoming
        ? ContactIdentity.ContactId(From, FromUserId)
        : ContactIdentity.ContactId(To, ToUserId);
}

/// <summary>One <c>groups[]</c> item of a Groups API field: what happened to a group of the business number.</summary>
public sealed record WebhookGroupEvent
{
    public string? GroupId { get; init; }

    /// <summary>e.g. <c>group_create</c>, <c>group_delete</c>, <c>group_participants_add</c>, <c>group_participants_remove</c>, <c>group_suspend</c>.</summary>
    public string? Type { get; init; }

    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    public string? RequestId { get; init; }

    public string? Subject { get; init; }

    public string? Description { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyList<GroupParticipant>? AddedParticipants { get; init; }

    public IReadOnlyList<GroupParticipant>? RemovedParticipants { get; init; }

    public IReadOnlyList<WebhookError>? Errors { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>A user named by a group event.</summary>
public sealed record GroupParticipant
{
    public string? WaId { get; init; }

    public string? UserId { get; init; }

    public string? Input { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>One <c>state_sync[]</c> item (coexistence): a contact of the WhatsApp Business app's address book.</summary>
public sealed record WebhookStateSync
{
    /// <summary><c>contact</c> is the only kind Meta documents.</summary>
    public string? Type { get; init; }

    public StateSyncContact? Contact { get; init; }

    /// <summary><c>add</c> (added or edited) or <c>remove</c>.</summary>
    public string? Action { get; init; }

    public StateSyncMetadata? Metadata { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record StateSyncContact
{
    public string? FullName { get; init; }

    public string? FirstName { get; init; }

    public string? PhoneNumber { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record StateSyncMetadata
{
    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>Where a history webhook sits in Meta's import: phase 0–2, chunk order within the phase, progress 0–100.</summary>
public sealed record HistoryChunk(int? Phase, int? ChunkOrder, int? Progress);
