namespace WaApp.EventSourcing.Grains;

/// <summary>A grain's state as a fold of its events: the one rule both the grain and a replay apply.</summary>
public interface IEventSourcedState<in TEvent>
    where TEvent : class
{
    void Apply(TEvent @event);
}
