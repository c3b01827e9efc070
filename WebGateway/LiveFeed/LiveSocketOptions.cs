using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.LiveFeed;

/// <summary>Tunables of the gateway's <c>/ws</c> live feed (configuration section <c>LiveFeed</c>).</summary>
public sealed class LiveSocketOptions
{
    public const string SectionName = "LiveFeed";

    /// <summary>Frames waiting for one socket; a client that falls this far behind is disconnected (1008).</summary>
    public int SocketBufferFrames { get; set; } = 2048;

    /// <summary>A client whose socket takes no frame for this long while frames wait is disconnected (1008).</summary>
    public TimeSpan SlowClientTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often this gateway tells the cluster which businesses its sockets watch (also at once on change).</summary>
    public TimeSpan RegistrationInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Businesses plus conversations one socket may watch.</summary>
    public int MaxSubscriptionsPerSocket { get; set; } = 100;

    /// <summary>The largest message a client may send (subscribe/unsubscribe requests).</summary>
    public int MaxClientMessageBytes { get; set; } = 4096;

    /// <summary>Pings keep idle connections open through proxies and find dead clients.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest a <c>subscribed</c> confirmation waits for the cluster to start sending the new businesses.</summary>
    public TimeSpan SubscribeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a slow client's close handshake may take before the connection is dropped.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class LiveFeedOptionsValidator : IValidateOptions<LiveSocketOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveSocketOptions options)
    {
        var failures = new List<string>();
        if (options.SocketBufferFrames is < 1 or > 100_000)
        {
            failures.Add("LiveFeed:SocketBufferFrames must be between 1 and 100000.");
        }

        if (options.SlowClientTimeout < TimeSpan.FromMilliseconds(100) || options.SlowClientTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("LiveFeed:SlowClientTimeout must be between 00:00:00.1 and 00:05:00.");
        }

        if (options.RegistrationInterval < TimeSpan.FromMilliseconds(100) || options.RegistrationInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("LiveFeed:RegistrationInterval must be between 00:00:00.1 and 00:01:00 (the cluster forgets a gateway after 30 s).");
        }

        if (options.MaxSubscriptionsPerSocket is < 1 or > 10_000)
        {
            failures.Add("LiveFeed:MaxSubscriptionsPerSocket must be between 1 and 10000.");
        }

        if (options.MaxClientMessageBytes is < 256 or > 1_048_576)
        {
            failures.Add("LiveFeed:MaxClientMessageBytes must be between 256 and 1048576.");
        }

        if (options.KeepAliveInterval < TimeSpan.FromSeconds(1) || options.KeepAliveInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("LiveFeed:KeepAliveInterval must be between 00:00:01 and 00:10:00.");
        }

        if (options.SubscribeTimeout < TimeSpan.FromSeconds(1) || options.SubscribeTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("LiveFeed:SubscribeTimeout must be between 00:00:01 and 00:02:00.");
        }

        if (options.CloseTimeout < TimeSpan.FromMilliseconds(100) || options.CloseTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add("LiveFeed:CloseTimeout must be between 00:00:00.1 and 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
