using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// A silo's <see cref="BusinessSettingsCache"/>, as a business grain sees it: told of every settings change before the
/// change is acknowledged, and told to forget a number when the activation that knows its watchers ends.
/// </summary>
[Alias("waapp.IBusinessSettingsObserver")]
public interface IBusinessSettingsObserver : IGrainObserver
{
    [Alias("SettingsChanged")]
    Task SettingsChangedAsync(string phoneNumberId, BusinessSettings settings);

    [Alias("Forget")]
    Task ForgetAsync(string phoneNumberId);
}

/// <summary>
/// The business grain's side of the settings caches (silo-internal; the gateway reads settings through
/// <see cref="IBusinessGrain.GetSettingsAsync"/>).
/// </summary>
[Alias("waapp.IBusinessSettingsSource")]
public interface IBusinessSettingsSource : IGrainWithStringKey
{
    /// <summary>The settings; <paramref name="watcher"/> is told of every later change while this activation lives.</summary>
    [Alias("WatchSettings")]
    Task<BusinessSettings> WatchSettingsAsync(IBusinessSettingsObserver watcher);
}
