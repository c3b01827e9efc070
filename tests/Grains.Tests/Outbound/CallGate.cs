using System.Collections.Concurrent;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>
/// A seam for crash tests, installed as an outgoing call filter of the <see cref="SendingClusterFixture"/> silo: an
/// armed call (one grain method on one grain key, once) never answers its caller, either before it is delivered or
/// after it has run, as if the caller's silo died at that point. The test then deactivates the caller, and its next
/// activation shows what survives; nothing waits on a timer.
/// </summary>
public static class CallGate
{
    private static readonly ConcurrentDictionary<(string Method, string Key), Gate> Armed = new();

    /// <summary>Arms the next call of <paramref name="method"/> to the grain keyed <paramref name="key"/>.</summary>
    /// <param name="afterDelivery">Let the call run on its target first, and lose only the answer.</param>
    public static Gate Arm(string method, string key, bool afterDelivery = false)
    {
        var gate = new Gate(afterDelivery);
        Assert.True(Armed.TryAdd((method, key), gate), $"{method} on {key} is armed already.");
        return gate;
    }

    public static async Task FilterAsync(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod is { } method && Armed.TryRemove((method.Name, context.TargetId.Key.ToString()), out var gate))
        {
            if (gate.AfterDelivery)
            {
                await context.Invoke();
            }

            gate.Reached.TrySetResult();
            // The caller's activation is deactivated by the test while it waits here: it never learns the answer.
            await Task.Delay(Timeout.Infinite);
        }

        await context.Invoke();
    }

    public sealed class Gate(bool afterDelivery)
    {
        public bool AfterDelivery { get; } = afterDelivery;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Waits (bounded) until the armed call was made and is held.</summary>
        public Task WaitReachedAsync() => Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
