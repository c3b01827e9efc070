namespace WaApp.Grains.Abstractions.Diagnostics;

/// <summary>
/// Ties a webhook to the grain calls it causes: the gateway puts the webhook's id into Orleans'
/// <see cref="Orleans.Runtime.RequestContext"/>, which travels with every grain call made while handling it, and
/// the silo adds it to the log scope of those calls.
/// </summary>
public static class WebhookCorrelation
{
    /// <summary>The <see cref="Orleans.Runtime.RequestContext"/> key carrying the webhook id.</summary>
    public const string RequestContextKey = "waapp.webhook-id";

    /// <summary>The log property name, on the gateway and in the silos.</summary>
    public const string LogProperty = "WebhookId";
}
