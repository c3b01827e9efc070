namespace WaApp.Grains.Abstractions.Media;

/// <summary>Where an inbound file is: <c>pending</c> → <c>stored</c> | <c>failed</c> (the names the REST API shows).</summary>
public static class MediaStatus
{
    public const string Pending = "pending";
    public const string Stored = "stored";
    public const string Failed = "failed";
}
