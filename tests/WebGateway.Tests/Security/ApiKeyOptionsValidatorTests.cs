using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Tests.Security;

public sealed class ApiKeyOptionsValidatorTests
{
    private const string StrongKey = "k3y-0f-th1rty-tw0-characters-ok!";

    [Theory]
    [InlineData("Production", "dev-api-key", false)]
    [InlineData("Production", "a-key-of-thirty-one-characters!", false)]
    [InlineData("Production", StrongKey, true)]
    [InlineData("Production", "k3y-0f-th1rty-tw0-characters-ok!\n", false)]
    [InlineData("Staging", "k3y 0f th1rty tw0 characters ok!!", false)]
    [InlineData("Development", "dev-api-key", true)]
    public void Keys_outside_Development_are_long_and_have_no_white_space(string environment, string key, bool valid)
    {
        var validator = new ApiKeyOptionsValidator(new HostingEnvironment { EnvironmentName = environment });

        var result = validator.Validate(null, new ApiKeyOptions { Keys = [key] });

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void A_short_read_only_key_is_refused_too()
    {
        var validator = new ApiKeyOptionsValidator(new HostingEnvironment { EnvironmentName = Environments.Production });

        var result = validator.Validate(null, new ApiKeyOptions { Keys = [StrongKey], ReadOnlyKeys = ["reader-key"] });

        Assert.False(result.Succeeded);
    }
}
