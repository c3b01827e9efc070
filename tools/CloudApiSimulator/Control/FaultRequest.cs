using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Control;

/// <summary>Queues <paramref name="Count"/> faults of <paramref name="Kind"/> for the next sends.</summary>
public sealed record FaultRequest(FaultKind Kind, int Count = 1);
