namespace WaApp.EventSourcing.Grains;

/// <summary>
/// Marks a method of an event-sourced grain that may run on an activation which has not read its stream yet, against
/// the empty state of a new stream, because it decides through <c>DecideAsync</c>: its first commit is then the read
/// (it lands only if the stream is new). Every other call reads the stream before it runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AssumesNewStreamAttribute : Attribute;
