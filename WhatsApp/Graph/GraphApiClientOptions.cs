using Microsoft.Extensions.Options;

namespace WaApp.WhatsApp.Graph;

/// <summary>Tunables of <see cref="GraphApiClient"/>; the endpoint and token come from <c>WhatsAppOptions</c>.</summary>
public sealed class GraphApiClientOptions
{
    /// <summary>The configuration section hosts bind these options from (environment: <c>WhatsApp__GraphApi__*</c>).</summary>
    public const string SectionName = "WhatsApp:GraphApi";

    /// <summary>How long one request may take before its outcome is reported as unknown.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for a TCP/TLS connection; a connect failure proves nothing was sent.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries when the connection could not be established (DNS, refused, TLS). These are the only retries the
    /// client makes itself: once a POST may have reached Meta, retrying could send the message twice.
    /// </summary>
    public int ConnectRetryCount { get; set; } = 2;

    /// <summary>First delay between connect retries (exponential with jitter).</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>Rejects client settings that would hang forever or retry without pause.</summary>
public sealed class GraphApiClientOptionsValidator : IValidateOptions<GraphApiClientOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphApiClientOptions options)
    {
        List<string> failures = [];
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("GraphApi RequestTimeout must be greater than zero and at most 5 minutes.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > options.RequestTimeout)
        {
            failures.Add("GraphApi ConnectTimeout must be greater than zero and not longer than RequestTimeout.");
        }

        if (options.ConnectRetryCount is < 0 or > 10)
        {
            failures.Add("GraphApi ConnectRetryCount must be between 0 and 10.");
        }

        if (options.ConnectRetryDelay < TimeSpan.Zero || options.ConnectRetryDelay > TimeSpan.FromSeconds(30))
        {
            failures.Add("GraphApi ConnectRetryDelay must be between 0 and 30 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
