namespace WaApp.Grains.Abstractions.Diagnostics;

/// <summary>
/// Ties a webhook to the grain calls it causes: the gateway puts the webhook's id into Orleans'
/// <see cref="Orleans.Runtime.RequestContext"/>, which travels with every grain call made while handling it; both
/// hosts read it from there into each log line written meanwhile.
/// </summary>
public static class WebhookCorrelation
{
    /// <summary>The <see cref="Orleans.Runtime.RequestContext"/> key carrying the webhook id.</summary>
    public const string RequestContextKey = "waapp.webhook-id";

    /// <summary>The log property name, on the gateway and in the silos.</summary>
    public const string LogProperty = "WebhookId";

    /// <summary>The id of the webhook being handled on this async flow (gateway) or grain call (silo), if any.</summary>
    public static object? Current() => Orleans.Runtime.RequestContext.Get(RequestContextKey);
}
