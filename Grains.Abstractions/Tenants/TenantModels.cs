namespace WaApp.Grains.Abstractions.Tenants;

/// <summary>The roles a tenant key can have, as the API spells them.</summary>
public static class TenantKeyRoles
{
    public const string Admin = "admin";
    public const string Agent = "agent";
    public const string ReadOnly = "read-only";

    public static readonly IReadOnlyList<string> All = [Admin, Agent, ReadOnly];
}

/// <summary>What an admin request did: applied, or why not.</summary>
[GenerateSerializer, Alias("waapp.TenantChangeOutcome")]
public enum TenantChangeOutcome
{
    Applied,
    TenantNotFound,
    ItemNotFound,
    OwnedByAnotherTenant,
    Full,
}

[GenerateSerializer, Alias("waapp.TenantChange")]
public sealed record TenantChange([property: Id(0)] TenantChangeOutcome Outcome)
{
    public static TenantChange Applied { get; } = new(TenantChangeOutcome.Applied);
}

[GenerateSerializer, Alias("waapp.TenantNumberRegistration")]
public sealed record TenantNumberRegistration(
    [property: Id(0)] string PhoneNumberId,
    [property: Id(1)] string BusinessAccountId,
    [property: Id(2)] string? AccessToken,
    [property: Id(3)] string? AppSecret = null);

/// <param name="KeyId">The public part of the key, shown in lists and used to revoke it.</param>
/// <param name="Hash">SHA-256 of the whole key (keys are 256-bit random, so a fast hash is enough).</param>
/// <param name="PhoneNumberIds">The numbers the key is limited to; empty for every number of the tenant.</param>
[GenerateSerializer, Alias("waapp.TenantKeyRegistration")]
public sealed record TenantKeyRegistration(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] Hash,
    [property: Id(2)] string Role,
    [property: Id(3)] IReadOnlyList<string> PhoneNumberIds,
    [property: Id(4)] DateTimeOffset CreatedAt);

[GenerateSerializer, Alias("waapp.TenantNumber")]
public sealed record TenantNumber(
    [property: Id(0)] string PhoneNumberId,
    [property: Id(1)] string BusinessAccountId,
    [property: Id(2)] bool HasAccessToken,
    [property: Id(3)] bool HasAppSecret = false);

[GenerateSerializer, Alias("waapp.TenantKey")]
public sealed record TenantKey(
    [property: Id(0)] string Id,
    [property: Id(1)] string Role,
    [property: Id(2)] IReadOnlyList<string> PhoneNumberIds,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? LastUsedAt);

/// <summary>A tenant as the admin API shows it: no tokens, no key hashes.</summary>
[GenerateSerializer, Alias("waapp.TenantDetails")]
public sealed record TenantDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] IReadOnlyList<TenantNumber> Numbers,
    [property: Id(4)] IReadOnlyList<TenantKey> Keys);

/// <summary>A live key as gateways check it.</summary>
[GenerateSerializer, Alias("waapp.DirectoryKey")]
public sealed record DirectoryKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Role,
    [property: Id(3)] byte[] Hash,
    [property: Id(4)] IReadOnlyList<string> PhoneNumberIds);

/// <summary>
/// What gateways need to authenticate keys, scope requests and verify webhooks, at one version: owners of numbers and
/// accounts, live keys, and the app secrets of tenants' Meta apps (decrypted; never access tokens).
/// </summary>
[GenerateSerializer, Alias("waapp.TenantDirectorySnapshot")]
public sealed record TenantDirectorySnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, string> NumberOwners,
    [property: Id(2)] IReadOnlyList<DirectoryKey> Keys,
    [property: Id(3)] int TenantCount,
    [property: Id(4)] IReadOnlyDictionary<string, string> AccountOwners,
    [property: Id(5)] IReadOnlyList<string> AppSecrets);
