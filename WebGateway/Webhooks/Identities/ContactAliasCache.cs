using System.Collections.Concurrent;

namespace WaApp.WebGateway.Webhooks.Identities;

/// <summary>
/// What this gateway knows of customers' ids: each wa_id or BSUID it routed, mapped to the contact id whose
/// conversation it went to. A customer this gateway has seen costs no store operation to route, whatever id they
/// write by. Bounded: when full it starts over (the index and the conversations' forwards still route correctly,
/// only a BSUID-only message then costs one lookup again).
/// </summary>
public sealed class ContactAliasCache
{
    /// <summary>About 100 bytes per entry: the bound keeps the cache near 10 MB.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, string> _contacts = new(StringComparer.Ordinal);

    public bool TryGet(string? id, out string contactId)
    {
        contactId = string.Empty;
        return id is not null && _contacts.TryGetValue(id, out contactId!);
    }

    public void Remember(string? id, string contactId)
    {
        if (id is null)
        {
            return;
        }

        // Most webhooks come from customers already routed: an unchanged entry is left alone, as replacing it would
        // allocate a new node of the dictionary per webhook.
        if (_contacts.TryGetValue(id, out var known) && string.Equals(known, contactId, StringComparison.Ordinal))
        {
            return;
        }

        if (_contacts.Count >= MaxEntries)
        {
            _contacts.Clear();
        }

        _contacts[id] = contactId;
    }
}
