namespace WaApp.Grains.Tenants;

/// <summary>The stored registry (one grain-state item, JSON). <see cref="Version"/> rises with every change gateways must see.</summary>
[GenerateSerializer, Alias("waapp.TenantRegistryState")]
public sealed class TenantRegistryState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public Dictionary<string, TenantRecord> Tenants { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Alias("waapp.TenantRecord")]
public sealed class TenantRecord
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string Name { get; set; } = "";

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public Dictionary<string, TenantNumberRecord> Numbers { get; set; } = new(StringComparer.Ordinal);

    [Id(4)]
    public Dictionary<string, TenantKeyRecord> Keys { get; set; } = new(StringComparer.Ordinal);

    [Id(5)]
    public Dictionary<string, TenantSubscriptionRecord> Subscriptions { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Alias("waapp.TenantSubscriptionRecord")]
public sealed class TenantSubscriptionRecord
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string Url { get; set; } = "";

    [Id(2)]
    public List<string> Events { get; set; } = [];

    /// <summary>The signing secret sealed by <see cref="AccessTokenProtector"/>.</summary>
    [Id(3)]
    public byte[] EncryptedSecret { get; set; } = [];

    [Id(4)]
    public DateTimeOffset CreatedAt { get; set; }
}

[GenerateSerializer, Alias("waapp.TenantNumberRecord")]
public sealed class TenantNumberRecord
{
    [Id(0)]
    public string PhoneNumberId { get; set; } = "";

    [Id(1)]
    public string BusinessAccountId { get; set; } = "";

    /// <summary>The access token sealed by <see cref="AccessTokenProtector"/>; never the token itself.</summary>
    [Id(2)]
    public byte[]? EncryptedAccessToken { get; set; }

    /// <summary>The Meta app secret of the app that sends this number's webhooks, sealed like the token.</summary>
    [Id(3)]
    public byte[]? EncryptedAppSecret { get; set; }
}

[GenerateSerializer, Alias("waapp.TenantKeyRecord")]
public sealed class TenantKeyRecord
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public byte[] Hash { get; set; } = [];

    [Id(2)]
    public string Role { get; set; } = "";

    [Id(3)]
    public List<string> PhoneNumberIds { get; set; } = [];

    [Id(4)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(5)]
    public DateTimeOffset? LastUsedAt { get; set; }
}
