using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Contacts;

namespace WaApp.Grains.Contacts;

/// <summary>
/// An alias index entry: the stream <c>contact-alias/{alias}</c> in the event store, so a claim of a new alias is one
/// conditional write at version 0 and no read (the event store's <c>attribute_not_exists</c> put); a claim that
/// collides reads the entry and returns its owner. A resolve reads the entry once per activation.
/// </summary>
public sealed class ContactAliasGrain(IEventSourcedStreamFactory streams, TimeProvider clock)
    : EventSourcedGrain<ContactAliasState, ContactAliasEvent>(streams, clock),
      IContactAliasGrain
{
    [AssumesNewStream]
    public Task<string> ClaimAsync(string contactId) => DecideAsync(async () =>
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        if (TentativeState.ContactId is { } owner)
        {
            return owner;
        }

        Raise(new ContactAliasClaimed(contactId));
        await ConfirmDecisionsAsync();
        return contactId;
    });

    [AssumesNewStream]
    public Task AssignAsync(string contactId) => DecideAsync(async () =>
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        if (TentativeState.ContactId != contactId)
        {
            Raise(new ContactAliasAssigned(contactId));
            await ConfirmDecisionsAsync();
        }

        return true;
    });

    public Task<string?> ResolveAsync() => Task.FromResult(State.ContactId);

    protected override string StreamKind => "contact-alias";

    protected override bool AssumesNewStream => true;

    protected override ContactAliasEvent Stamp(ContactAliasEvent @event, DateTimeOffset recordedAt) => @event with { RecordedAt = recordedAt };
}

/// <summary>An alias index entry rebuilt from its events; also its JSON snapshot.</summary>
[GenerateSerializer, Alias("waapp.ContactAliasState")]
public sealed class ContactAliasState : IEventSourcedState<ContactAliasEvent>
{
    /// <summary>The WaApp contact id the alias belongs to; null until claimed.</summary>
    [Id(0)]
    public string? ContactId { get; set; }

    public void Apply(ContactAliasEvent @event)
    {
        switch (@event)
        {
            case ContactAliasClaimed claimed:
                ContactId ??= claimed.ContactId;
                break;
            case ContactAliasAssigned assigned:
                ContactId = assigned.ContactId;
                break;
            default:
                throw new InvalidOperationException($"ContactAliasState has no rule for {@event.GetType().Name}.");
        }
    }
}
