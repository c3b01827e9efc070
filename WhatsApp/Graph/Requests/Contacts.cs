namespace WaApp.WhatsApp.Graph;

/// <summary>A contact card to send; only <see cref="Name"/> is required.</summary>
public sealed record ContactCardPayload(ContactName Name)
{
    public IReadOnlyList<ContactPhone>? Phones { get; init; }

    public IReadOnlyList<ContactEmail>? Emails { get; init; }

    public IReadOnlyList<ContactAddress>? Addresses { get; init; }

    public IReadOnlyList<ContactUrl>? Urls { get; init; }

    public ContactOrganization? Org { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? Birthday { get; init; }
}

public sealed record ContactName(string FormattedName, string? FirstName = null, string? LastName = null)
{
    public string? MiddleName { get; init; }

    public string? Prefix { get; init; }

    public string? Suffix { get; init; }
}

/// <summary>A phone number; <paramref name="WaId"/> adds a "Message" button in WhatsApp.</summary>
public sealed record ContactPhone(string Phone, string? Type = null, string? WaId = null);

public sealed record ContactEmail(string Email, string? Type = null);

public sealed record ContactUrl(string Url, string? Type = null);

public sealed record ContactOrganization(string? Company = null, string? Department = null, string? Title = null);

public sealed record ContactAddress
{
    public string? Street { get; init; }

    public string? City { get; init; }

    public string? State { get; init; }

    public string? Zip { get; init; }

    public string? Country { get; init; }

    public string? CountryCode { get; init; }

    public string? Type { get; init; }
}
