using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>One vCard-like card of a <c>contacts</c> message (not to be confused with <see cref="WebhookContact"/>).</summary>
public sealed record SharedContact
{
    public SharedContactName? Name { get; init; }

    public IReadOnlyList<SharedContactPhone>? Phones { get; init; }

    public IReadOnlyList<SharedContactEmail>? Emails { get; init; }

    public IReadOnlyList<SharedContactAddress>? Addresses { get; init; }

    public SharedContactOrg? Org { get; init; }

    public IReadOnlyList<SharedContactUrl>? Urls { get; init; }

    /// <summary>YYYY-MM-DD as sent.</summary>
    public string? Birthday { get; init; }

    public string? Vcard { get; init; }

    public string? Origin { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record SharedContactName
{
    public string? FormattedName { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? MiddleName { get; init; }

    public string? Prefix { get; init; }

    public string? Suffix { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record SharedContactPhone
{
    public string? Phone { get; init; }

    public string? WaId { get; init; }

    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record SharedContactEmail
{
    public string? Email { get; init; }

    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record SharedContactAddress
{
    public string? Street { get; init; }

    public string? City { get; init; }

    public string? State { get; init; }

    public string? Zip { get; init; }

    public string? Country { get; init; }

    public string? CountryCode { get; init; }

    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record SharedContactOrg
{
    public string? Company { get; init; }

    public string? Department { get; init; }

    public string? Title { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record SharedContactUrl
{
    public string? Url { get; init; }

    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
