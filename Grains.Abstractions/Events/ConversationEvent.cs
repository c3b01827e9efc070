namespace WaApp.Grains.Abstractions.Events;

/// <summary>
/// A fact in a conversation's event log. Concrete events carry a stable <c>[Alias]</c>: it is their type name in
/// the event store, so C# types can be renamed without orphaning stored events.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record ConversationEvent
{
    /// <summary>When WaApp recorded the fact.</summary>
    [Id(0)]
    public DateTimeOffset RecordedAt { get; init; }
}
