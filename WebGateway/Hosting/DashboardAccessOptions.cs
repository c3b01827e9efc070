namespace WaApp.WebGateway.Hosting;

/// <summary>The <c>Dashboard</c> configuration section: how long a browser's dashboard sign-in lasts.</summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Lifetime of the HttpOnly cookie a browser gets after opening <c>/dashboard/?access_token={key}</c> once.
    /// Removing the key from <c>Api:Keys</c> ends the session earlier.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
