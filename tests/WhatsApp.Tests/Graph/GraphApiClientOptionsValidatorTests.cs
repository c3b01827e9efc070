using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

public sealed class GraphApiClientOptionsValidatorTests
{
    [Fact]
    public void The_silo_checks_only_sending_settings()
    {
        var validator = new GraphApiClientOptionsValidator();

        // No access token is fine (a silo may only ingest), and app secrets or a verify token are not its business.
        Assert.True(validator.Validate(null, new GraphApiClientOptions()).Succeeded);
        var bad = validator.Validate(null, new GraphApiClientOptions { GraphApiBaseUrl = new Uri("ftp://graph.example"), ApiVersion = "24" });
        Assert.Equal(2, bad.Failures!.Count());
    }
}
