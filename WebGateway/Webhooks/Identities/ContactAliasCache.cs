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

    // Entries added since the cache last started over. Kept apart because ConcurrentDictionary.Count takes every lock
    // of the dictionary, and a new customer's webhook would read it. Approximate while ids are added concurrently (a
    // few either way), which is all the bound needs.
    private int _added;

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
        if (_contacts.TryGetValue(id, out var known))
        {
            if (!string.Equals(known, contactId, StringComparison.Ordinal))
            {
                _contacts[id] = contactId;
            }

            return;
        }

        if (Interlocked.Increment(ref _added) > MaxEntries)
        {
            _contacts.Clear();
            Volatile.Write(ref _added, 1);
        }

        _contacts[id] = contactId;
    }

    /// <summary>Ids held now (takes every lock of the dictionary: for tests and diagnostics, not the webhook path).</summary>
    internal int Count => _contacts.Count;
}
