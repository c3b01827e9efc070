using Microsoft.Extensions.Options;

namespace WaApp.Grains.Outbound;

/// <summary>Tunables of <see cref="SenderGrain"/> (configuration section <c>Sender</c>, environment <c>Sender__*</c>).</summary>
public sealed class SenderOptions
{
    public const string SectionName = "Sender";

    /// <summary>Meta's highest throughput tier.</summary>
    public const int MaxMessagesPerSecond = 1000;

    /// <summary>Messages per second per business number: Meta's default is 80, upgraded numbers get 1000, coexistence numbers 20.</summary>
    public int MessagesPerSecond { get; set; } = 80;

    /// <summary>Per-number overrides of <see cref="MessagesPerSecond"/>, keyed by phone_number_id (<c>Sender__Numbers__{id}</c>).</summary>
    public Dictionary<string, int> Numbers { get; set; } = [];

    /// <summary>Live messages served for every bulk message when both lanes wait.</summary>
    public int LiveWeight { get; set; } = 4;

    /// <summary>Most live messages waiting per number; more are rejected.</summary>
    public int LiveQueueCapacity { get; set; } = 5_000;

    /// <summary>Most bulk messages waiting per number; more are rejected.</summary>
    public int BulkQueueCapacity { get; set; } = 50_000;

    /// <summary>Most Graph API requests open at once per number.</summary>
    public int MaxInFlight { get; set; } = 200;

    /// <summary>Tries per message on throughput and transient errors (130429, 80007, 131056, 131000…), the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>
    /// A message not sent within this time is rejected (never sent). It bounds how long a caller waits, and must
    /// stay below the grain call's response timeout of 10 minutes.
    /// </summary>
    public TimeSpan MaxQueueTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Randomised extra wait added to every backoff, as a fraction of it, so retries do not arrive in lockstep.</summary>
    public double BackoffJitter { get; set; } = 0.2;

    public int RateFor(string phoneNumberId) =>
        Numbers.TryGetValue(phoneNumberId, out var rate) ? rate : MessagesPerSecond;
}

/// <summary>Rejects sender settings that would exceed Meta's limits, starve a lane or wait forever.</summary>
public sealed class SenderOptionsValidator : IValidateOptions<SenderOptions>
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, SenderOptions options)
    {
        List<string> failures = [];
        if (options.MessagesPerSecond is < 1 or > SenderOptions.MaxMessagesPerSecond)
        {
            failures.Add($"Sender:MessagesPerSecond must be between 1 and {SenderOptions.MaxMessagesPerSecond} (Meta's tiers are 20, 80 and 1000).");
        }

        foreach (var (number, rate) in options.Numbers)
        {
            if (rate is < 1 or > SenderOptions.MaxMessagesPerSecond)
            {
                failures.Add($"Sender:Numbers:{number} must be between 1 and {SenderOptions.MaxMessagesPerSecond} messages per second.");
            }
        }

        if (options.LiveWeight is < 1 or > 100)
        {
            failures.Add("Sender:LiveWeight must be between 1 and 100.");
        }

        if (options.LiveQueueCapacity < 1 || options.BulkQueueCapacity < 1)
        {
            failures.Add("Sender:LiveQueueCapacity and Sender:BulkQueueCapacity must be at least 1.");
        }

        if (options.MaxInFlight is < 1 or > 10_000)
        {
            failures.Add("Sender:MaxInFlight must be between 1 and 10000.");
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add("Sender:MaxAttempts must be between 1 and 20.");
        }

        if (options.MaxQueueTime <= TimeSpan.Zero || options.MaxQueueTime >= ResponseTimeout)
        {
            failures.Add("Sender:MaxQueueTime must be greater than zero and shorter than 10 minutes.");
        }

        if (options.BackoffJitter is < 0 or > 1)
        {
            failures.Add("Sender:BackoffJitter must be between 0 and 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
