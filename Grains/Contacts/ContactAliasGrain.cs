using WaApp.Grains.Abstractions.Contacts;

namespace WaApp.Grains.Contacts;

/// <summary>
/// An alias index entry in grain storage (one DynamoDB item per alias, conditional on its ETag). Written once per
/// alias, read once per activation; a resolve of an alias WaApp never saw costs that one read and writes nothing.
/// </summary>
public sealed class ContactAliasGrain([PersistentState("contact-alias")] IPersistentState<ContactAliasState> state)
    : Grain, IContactAliasGrain
{
    public async Task<string> ClaimAsync(string contactId)
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        if (state.State.ContactId is { } owner)
        {
            return owner;
        }

        state.State.ContactId = contactId;
        await state.WriteStateAsync();
        return contactId;
    }

    public async Task AssignAsync(string contactId)
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        if (state.State.ContactId != contactId)
        {
            state.State.ContactId = contactId;
            await state.WriteStateAsync();
        }
    }

    public Task<string?> ResolveAsync() => Task.FromResult(state.State.ContactId);
}

[GenerateSerializer, Alias("waapp.ContactAliasState")]
public sealed class ContactAliasState
{
    /// <summary>The WaApp contact id the alias belongs to; null until claimed.</summary>
    [Id(0)]
    public string? ContactId { get; set; }
}
