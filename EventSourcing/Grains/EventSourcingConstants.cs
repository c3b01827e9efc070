namespace WaApp.EventSourcing.Grains;

public static class EventSourcingConstants
{
    /// <summary>The log-consistency provider name event-sourced grains put in [LogConsistencyProvider].</summary>
    public const string LogConsistencyProviderName = "CustomStorage";
}
