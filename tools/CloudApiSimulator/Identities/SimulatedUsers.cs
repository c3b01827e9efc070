using System.Collections.Concurrent;

namespace WaApp.CloudApiSimulator.Identities;

/// <summary>
/// The WhatsApp users the simulator has seen, with every id Meta shows for them: a phone number (<c>wa_id</c>), a
/// business-scoped user id (BSUID), a parent BSUID and a username. Sends and status webhooks use it to answer like
/// Meta: a send to a BSUID gets a status with <c>recipient_user_id</c>, and <c>recipient_id</c> only when the
/// number may be shown.
/// </summary>
public sealed class SimulatedUsers
{
    private readonly ConcurrentDictionary<string, SimulatedUser> _byId = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="user"/> under each of its ids (a later record of the same id replaces it).</summary>
    public void Remember(SimulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var id in user.Ids)
        {
            _byId[id] = user;
        }
    }

    /// <summary>The user known by <paramref name="id"/> (a wa_id or a BSUID), or null.</summary>
    public SimulatedUser? Find(string? id) => id is not null && _byId.TryGetValue(id, out var user) ? user : null;

    /// <summary>The user moved to a new number and/or BSUID: the old ids no longer reach them.</summary>
    public void Replace(SimulatedUser previous, SimulatedUser next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        foreach (var id in previous.Ids)
        {
            _byId.TryRemove(id, out _);
        }

        Remember(next);
    }

    public void Reset() => _byId.Clear();
}

/// <summary>One user; <see cref="WaId"/> is null when the number is hidden behind a username.</summary>
/// <param name="PhoneShared">Whether webhooks may name the phone number (the user has no username, or wrote from it recently).</param>
public sealed record SimulatedUser(string? WaId, string? UserId, string? ParentUserId, string? Username, bool PhoneShared)
{
    public IEnumerable<string> Ids => new[] { WaId, UserId, ParentUserId }.OfType<string>();

    /// <summary>The wa_id webhooks may show: null for a username user who keeps the number hidden.</summary>
    public string? VisibleWaId => PhoneShared ? WaId : null;
}
