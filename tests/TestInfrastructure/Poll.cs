namespace WaApp.TestInfrastructure;

/// <summary>Waits for a condition, never for the clock: checks it every 50 ms and fails after a bound.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {bound}.");
            }

            await Task.Delay(50);
        }
    }
}
