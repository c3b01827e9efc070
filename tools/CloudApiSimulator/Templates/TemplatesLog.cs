namespace WaApp.CloudApiSimulator.Templates;

/// <summary>Log events of the simulated template management.</summary>
internal static partial class TemplatesLog
{
    [LoggerMessage(101, LogLevel.Information, "Template {Name} ({Language}) created in account {WabaId}; review pending")]
    public static partial void Created(ILogger logger, string name, string language, string wabaId);

    [LoggerMessage(102, LogLevel.Information, "Template {Name} ({Language}) reviewed: {Status}")]
    public static partial void Reviewed(ILogger logger, string name, string language, string status);

    [LoggerMessage(103, LogLevel.Information, "Template {Name} ({Language}) edited in account {WabaId}; review pending")]
    public static partial void Edited(ILogger logger, string name, string language, string wabaId);
}
