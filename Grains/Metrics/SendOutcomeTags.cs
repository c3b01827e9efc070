namespace WaApp.Grains.Metrics;

/// <summary>The <c>outcome</c> values of <c>waapp.outbound.sends</c>.</summary>
public static class SendOutcomeTags
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
}
