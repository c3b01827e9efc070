namespace WaApp.Deployment.Tests.Support;

/// <summary>The settings table of the design (section 6), in environment-variable form.</summary>
public static class Settings
{
    public static IReadOnlyList<string> All { get; } =
    [
        "WhatsApp__AppSecrets__0",
        "WhatsApp__VerifyToken",
        "WhatsApp__AccessToken",
        "WhatsApp__GraphApiBaseUrl",
        "WhatsApp__ApiVersion",
        "DynamoDB__Service",
        "DynamoDB__TablePrefix",
        "Orleans__ClusterId",
        "Orleans__ServiceId",
        "Orleans__SiloPort",
        "Orleans__GatewayPort",
        "Orleans__AdvertisedIP",
        "Api__Keys__0",
    ];

    public static bool IsSecret(string key) =>
        key.StartsWith("WhatsApp__AppSecrets__", StringComparison.Ordinal)
        || key.StartsWith("Api__Keys__", StringComparison.Ordinal)
        || key is "WhatsApp__VerifyToken" or "WhatsApp__AccessToken" or "Tenants__TokenEncryptionKey";
}
