namespace WaApp.CloudApiSimulator.Options;

/// <summary>Settings of the <c>Simulator</c> configuration section (environment: <c>Simulator__*</c>).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:8090</c> (port 0 picks a free port).</summary>
    public string? ListenUrl { get; set; }

    /// <summary>The gateway's webhook URL that receives signed status and message webhooks; none: webhooks are not sent.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The app secret that signs webhooks (<c>X-Hub-Signature-256</c>); must match the gateway's.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>When set, sends must carry exactly this bearer token; otherwise any non-empty token is accepted.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The WABA id put in <c>entry[].id</c>.</summary>
    public string WabaId { get; set; } = "104857362918475";

    /// <summary>Display numbers per phone_number_id for webhook metadata; unknown ids get a made-up 1555 number.</summary>
    public Dictionary<string, string> DisplayPhoneNumbers { get; set; } = [];

    /// <summary>Delay from acceptance to the <c>sent</c> status webhook.</summary>
    public TimeSpan SentDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Delay from <c>sent</c> to <c>delivered</c>.</summary>
    public TimeSpan DeliveredDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Delay from <c>delivered</c> to <c>read</c>.</summary>
    public TimeSpan ReadDelay { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>False simulates a user with read receipts off: no <c>read</c> status.</summary>
    public bool SendReadStatus { get; set; } = true;

    /// <summary>Accepted messages per phone number per second before 130429 (Meta's default is 80); 0 turns the limit off.</summary>
    public int RateLimitPerSecond { get; set; } = 80;

    /// <summary>Length of the customer service window opened by an injected inbound message.</summary>
    public TimeSpan WindowDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>False disables the window check (every free-form send is allowed).</summary>
    public bool EnforceWindow { get; set; } = true;

    /// <summary>
    /// True reports a closed window like Meta mostly does: the send is accepted, then a <c>failed</c> status with
    /// 131047 arrives. False (default) refuses the send synchronously with 131047.
    /// </summary>
    public bool WindowErrorsAsFailedStatus { get; set; }

    /// <summary>
    /// Names of templates the simulator treats as category AUTHENTICATION: Meta refuses them to a business-scoped
    /// user id (131062), as they need a phone number.
    /// </summary>
    public List<string> AuthenticationTemplates { get; set; } = [];

    /// <summary>How long an injected timeout fault holds the response.</summary>
    public TimeSpan FaultTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra attempts for a webhook the gateway did not acknowledge with 2xx.</summary>
    public int WebhookRetryCount { get; set; } = 3;

    /// <summary>First pause before a webhook retry; doubles on each attempt.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the simulator waits for the gateway to answer one webhook.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public string DisplayPhoneNumberFor(string phoneNumberId) =>
        DisplayPhoneNumbers.TryGetValue(phoneNumberId, out var display)
            ? display
            : "1555" + new string([.. phoneNumberId.Where(char.IsAsciiDigit).TakeLast(7)]).PadLeft(7, '0');
}
