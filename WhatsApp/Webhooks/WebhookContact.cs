using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// A user behind the messages or statuses of a change (<c>value.contacts[]</c>). Every field is optional:
/// status changes carry lean entries without <c>profile</c>, username users may have no <c>wa_id</c>.
/// </summary>
public sealed record WebhookContact
{
    public WebhookProfile? Profile { get; init; }

    public string? WaId { get; init; }

    /// <summary>The business-scoped user id (BSUID), e.g. <c>US.1349…</c>.</summary>
    public string? UserId { get; init; }

    public string? ParentUserId { get; init; }

    public string? IdentityKeyHash { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>The id WaApp keys the user by: the wa_id when Meta gives one, else the BSUID.</summary>
    [JsonIgnore]
    public string? ContactId => ContactIdentity.ContactId(WaId, UserId);
}

public sealed record WebhookProfile
{
    /// <summary>User-controlled display name: never an identifier.</summary>
    public string? Name { get; init; }

    public string? Username { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
