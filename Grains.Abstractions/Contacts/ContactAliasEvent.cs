namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>A fact in an alias index entry's log (stream <c>contact-alias/{alias}</c>, stored under its <c>[Alias]</c>).</summary>
[GenerateSerializer, Immutable]
public abstract record ContactAliasEvent
{
    [Id(0)]
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The first contact to claim the alias: it keeps it against later claims.</summary>
[GenerateSerializer, Immutable, Alias("contact-alias.claimed.v1")]
public sealed record ContactAliasClaimed(string ContactId) : ContactAliasEvent;

/// <summary>Meta said the id now belongs to this contact (a number or BSUID change), whoever had it before.</summary>
[GenerateSerializer, Immutable, Alias("contact-alias.assigned.v1")]
public sealed record ContactAliasAssigned(string ContactId) : ContactAliasEvent;
