using Microsoft.Extensions.Logging;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// The silos' settings caches (<see cref="BusinessSettingsCache"/>): each one that read this number's settings from
/// this activation is told of every change before the change is acknowledged, and told to forget the number when this
/// activation ends (the next one does not know them).
/// </summary>
public sealed partial class BusinessGrain : IBusinessSettingsSource
{
    private readonly HashSet<IBusinessSettingsObserver> _settingsWatchers = [];

    public Task<BusinessSettings> WatchSettingsAsync(IBusinessSettingsObserver watcher)
    {
        _settingsWatchers.Add(watcher);
        return Task.FromResult(settings.State.Settings);
    }

    private Task TellWatchersOfChangeAsync(BusinessSettings changed) =>
        TellWatchersAsync(watcher => watcher.SettingsChangedAsync(PhoneNumberId, changed));

    private Task TellWatchersToForgetAsync() => TellWatchersAsync(watcher => watcher.ForgetAsync(PhoneNumberId));

    /// <summary>
    /// Tells every watcher at once and waits for each up to <see cref="BusinessGrainOptions.SettingsChangeNoticeTimeout"/>.
    /// One that did not answer (its silo is gone or stalled) is dropped: what it holds expires on its own
    /// (<see cref="BusinessGrainOptions.SettingsCacheLifetime"/>), and it registers again when it next reads.
    /// </summary>
    private async Task TellWatchersAsync(Func<IBusinessSettingsObserver, Task> tell)
    {
        if (_settingsWatchers.Count == 0)
        {
            return;
        }

        var watchers = _settingsWatchers.ToArray();
        var told = await Task.WhenAll(watchers.Select(async watcher =>
        {
            try
            {
                await tell(watcher).WaitAsync(_options.SettingsChangeNoticeTimeout);
                return true;
            }
            catch (Exception exception)
            {
                LogWatcherNotTold(logger, exception, PhoneNumberId);
                return false;
            }
        }));
        for (var i = 0; i < watchers.Length; i++)
        {
            if (!told[i])
            {
                _settingsWatchers.Remove(watchers[i]);
            }
        }
    }

    [LoggerMessage(EventId = 3015, EventName = "BusinessSettingsWatcherNotTold", Level = LogLevel.Warning,
        Message = "Business {PhoneNumberId} could not tell a silo of its settings; that silo uses what it holds until it expires")]
    private static partial void LogWatcherNotTold(ILogger logger, Exception exception, string phoneNumberId);
}
