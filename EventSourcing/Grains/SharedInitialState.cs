using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;

namespace WaApp.EventSourcing.Grains;

/// <summary>
/// The protocol services an event-sourced grain's log view adaptor gets, handing it one empty state per state type
/// instead of a private copy. Orleans' adaptor deep-copies the grain's initial (empty) state when it is created and
/// keeps that copy for the activation's whole life, only to reset the view if the log is ever cleared (which WaApp
/// never asks of it; <see cref="Streams.EventSourcedStream{TState,TEvent}.ClearStoredStateAsync"/> is its own). For a
/// conversation that copy was 400 bytes in every active conversation. The adaptor reads its kept state only through
/// another deep copy, so the shared instance is never changed; every other copy (the tentative state) is a real one.
/// </summary>
internal sealed class SharedInitialState<TState>(ILogConsistencyProtocolServices services, object initialState) : ILogConsistencyProtocolServices
    where TState : class, new()
{
    private static readonly TState Empty = new();

    // Forgotten after its one copy, so this wrapper does not keep it alive either.
    private object? _initialState = initialState;

    public GrainId GrainId => services.GrainId;

    public string MyClusterId => services.MyClusterId;

    public T DeepCopy<T>(T value)
    {
        if (_initialState is not null && ReferenceEquals(value, _initialState))
        {
            _initialState = null;
            return (T)(object)Empty;
        }

        return services.DeepCopy(value);
    }

    public void ProtocolError(string msg, bool throwexception) => services.ProtocolError(msg, throwexception);

    public void CaughtException(string where, Exception e) => services.CaughtException(where, e);

    public void CaughtUserCodeException(string callback, string where, Exception e) => services.CaughtUserCodeException(callback, where, e);

    public void Log(LogLevel level, string format, params object[] args) => services.Log(level, format, args);
}
