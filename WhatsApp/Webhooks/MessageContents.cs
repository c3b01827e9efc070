using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks;

public sealed record WebhookText
{
    public string? Body { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>A shared pin. Latitude and longitude may be 0 or negative; name and address are often absent.</summary>
public sealed record LocationContent
{
    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Name { get; init; }

    public string? Address { get; init; }

    public string? Url { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>
/// A tap on a template quick-reply button. <see cref="Payload"/> is what the business set when sending
/// (the label text when it set none).
/// </summary>
public sealed record ButtonContent
{
    public string? Payload { get; init; }

    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>A reaction to <see cref="MessageId"/>; no emoji (omitted or empty) means the reaction was removed.</summary>
public sealed record ReactionContent
{
    public string? MessageId { get; init; }

    public string? Emoji { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    [JsonIgnore]
    public bool IsRemoval => string.IsNullOrEmpty(Emoji);
}

public sealed record OrderContent
{
    public string? CatalogId { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<OrderItem>? ProductItems { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record OrderItem
{
    public string? ProductRetailerId { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? ItemPrice { get; init; }

    public string? Currency { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>
/// A system notice, e.g. <c>user_changed_number</c> (older name <c>customer_changed_number</c>) with the new number in
/// <see cref="WaId"/> (<see cref="NewWaId"/> before v13), or <c>user_changed_user_id</c>.
/// </summary>
public sealed record SystemContent
{
    public string? Body { get; init; }

    public string? Type { get; init; }

    public string? WaId { get; init; }

    public string? NewWaId { get; init; }

    public string? UserId { get; init; }

    public string? NewUserId { get; init; }

    public string? Customer { get; init; }

    public string? Identity { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>True for a change of the user's phone number or business-scoped user id.</summary>
    [JsonIgnore]
    public bool IsIdentityChange => Type is SystemTypes.UserChangedNumber or SystemTypes.CustomerChangedNumber or SystemTypes.UserChangedUserId;
}

public static class SystemTypes
{
    public const string UserChangedNumber = "user_changed_number";
    public const string CustomerChangedNumber = "customer_changed_number";
    public const string UserChangedUserId = "user_changed_user_id";
    public const string CustomerIdentityChanged = "customer_identity_changed";
}

/// <summary>A message WhatsApp could not pass on (<c>type</c> names what it was, e.g. <c>poll_creation</c>).</summary>
public sealed record UnsupportedContent
{
    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>Reply, forward and product context of a message.</summary>
public sealed record WebhookMessageContext
{
    /// <summary>Who sent the quoted message (the business display number when quoting the business).</summary>
    public string? From { get; init; }

    /// <summary>The wamid of the quoted message.</summary>
    public string? Id { get; init; }

    public bool? Forwarded { get; init; }

    public bool? FrequentlyForwarded { get; init; }

    public ReferredProduct? ReferredProduct { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record ReferredProduct
{
    public string? CatalogId { get; init; }

    public string? ProductRetailerId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>Click-to-WhatsApp ad or post the user came from.</summary>
public sealed record Referral
{
    public string? SourceUrl { get; init; }

    public string? SourceId { get; init; }

    public string? SourceType { get; init; }

    public string? Body { get; init; }

    public string? Headline { get; init; }

    public string? MediaType { get; init; }

    public string? ImageUrl { get; init; }

    public string? VideoUrl { get; init; }

    public string? ThumbnailUrl { get; init; }

    public string? CtwaClid { get; init; }

    public WelcomeMessage? WelcomeMessage { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record WelcomeMessage
{
    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
