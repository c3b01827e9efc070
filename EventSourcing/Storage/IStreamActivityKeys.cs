namespace WaApp.EventSourcing.Storage;

/// <summary>
/// Which streams' commits go into the <see cref="IStreamActivityIndex"/>, and under which key. Registered by the
/// application (the event store knows nothing of what a stream means); streams without a key are not indexed, so
/// the index stays sparse.
/// </summary>
public interface IStreamActivityKeys
{
    /// <summary>The activity key of <paramref name="streamId"/>'s commits, or null when they are not indexed.</summary>
    string? ActivityKeyOf(string streamId);
}
