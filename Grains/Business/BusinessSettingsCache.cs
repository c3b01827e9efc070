using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// This silo's copy of each business number's settings, so a customer message does not call the number's single
/// business activation (one per number: every message of a busy number would queue there). The first read of a
/// number asks the business and registers this cache as a watcher; the business tells every watcher of a change
/// before it acknowledges the change, so a settings update applies to the next message on every silo. A watcher the
/// business could not reach, or one whose business activation ended without telling it (its silo crashed), is
/// covered by <see cref="BusinessGrainOptions.SettingsCacheLifetime"/>: an entry is never used longer than that.
/// </summary>
public sealed class BusinessSettingsCache(
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<BusinessGrainOptions> options) : IBusinessSettingsObserver
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _referenceGate = new();
    private IBusinessSettingsObserver? _reference;

    // Bumped by every change this cache is told of: a read that started before a change must not store what it read
    // over the change (its caller, a message concurrent with the change, may still use it).
    private long _changes;

    /// <summary>The settings of <paramref name="phoneNumberId"/>; asks its business only when this silo holds none.</summary>
    public ValueTask<BusinessSettings> GetAsync(string phoneNumberId)
    {
        var lifetime = options.Value.SettingsCacheLifetime;
        if (_entries.TryGetValue(phoneNumberId, out var entry) && clock.GetElapsedTime(entry.ReadAt) < lifetime)
        {
            return ValueTask.FromResult(entry.Settings);
        }

        return new ValueTask<BusinessSettings>(ReadAsync(phoneNumberId, lifetime));
    }

    private async Task<BusinessSettings> ReadAsync(string phoneNumberId, TimeSpan lifetime)
    {
        var business = grains.GetGrain<IBusinessSettingsSource>(phoneNumberId);
        if (lifetime <= TimeSpan.Zero)
        {
            // Caching off: every message asks its business, as before there was a cache.
            return await grains.GetGrain<IBusinessGrain>(phoneNumberId).GetSettingsAsync();
        }

        var changes = Interlocked.Read(ref _changes);
        var readAt = clock.GetTimestamp();
        var settings = await business.WatchSettingsAsync(Reference());
        if (Interlocked.Read(ref _changes) == changes)
        {
            _entries[phoneNumberId] = new Entry(settings, readAt);
        }

        return settings;
    }

    /// <summary>Forgets every number (a silo left the cluster: the business activations it held told nobody).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _changes);
        _entries.Clear();
    }

    Task IBusinessSettingsObserver.SettingsChangedAsync(string phoneNumberId, BusinessSettings settings)
    {
        Interlocked.Increment(ref _changes);
        _entries[phoneNumberId] = new Entry(settings, clock.GetTimestamp());
        return Task.CompletedTask;
    }

    Task IBusinessSettingsObserver.ForgetAsync(string phoneNumberId)
    {
        Interlocked.Increment(ref _changes);
        _entries.TryRemove(phoneNumberId, out _);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Creates the silo's one reference to this cache (the runtime refuses to create one inside a grain's turn, so
    /// the silo's start does it; the runtime holds the object weakly, this singleton holds it strongly).
    /// </summary>
    public void CreateReference()
    {
        lock (_referenceGate)
        {
            _reference ??= grains.CreateObjectReference<IBusinessSettingsObserver>(this);
        }
    }

    private IBusinessSettingsObserver Reference()
    {
        if (Volatile.Read(ref _reference) is { } reference)
        {
            return reference;
        }

        // Read before the silo's start created it (a grain called while the silo starts): off the grain's turn.
        Task.Run(CreateReference).GetAwaiter().GetResult();
        return _reference!;
    }

    private sealed record Entry(BusinessSettings Settings, long ReadAt);
}
