using Microsoft.Extensions.Logging;

namespace WaApp.Grains.Templates;

internal static partial class TemplateCatalogLog
{
    [LoggerMessage(1, LogLevel.Information, "Synced {Count} templates of account {WabaId}")]
    public static partial void Synced(ILogger logger, int count, string wabaId);

    [LoggerMessage(2, LogLevel.Warning, "Could not sync the templates of account {WabaId}: {Error}")]
    public static partial void SyncFailed(ILogger logger, string wabaId, string error);

    [LoggerMessage(3, LogLevel.Information, "Template webhook for account {WabaId}: {Change}")]
    public static partial void Applied(ILogger logger, string wabaId, string change);

    [LoggerMessage(4, LogLevel.Warning, "The template catalog of account {WabaId} exceeds its stored-size budget; some components were dropped")]
    public static partial void Trimmed(ILogger logger, string wabaId);
}
