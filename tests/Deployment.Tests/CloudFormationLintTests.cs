using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

public sealed class CloudFormationLintTests
{
    [Fact]
    public async Task Template_passes_cfn_lint_without_errors_or_warnings()
    {
        var version = await CommandLine.RunAsync("cfn-lint", ["--version"]);
        Assert.True(version.ExitCode == 0 && version.Output.StartsWith("cfn-lint 1.", StringComparison.Ordinal), $"AWS cfn-lint 1.x is required: {version}");

        var lint = await CommandLine.RunAsync("cfn-lint", ["--format", "parseable", CloudFormationTemplate.PathInRepository]);

        Assert.True(lint.ExitCode == 0, $"cfn-lint reported problems: {lint}");
    }

    [Fact]
    public async Task Cfn_lint_rejects_a_template_with_a_mistake()
    {
        // Guards the check above: the linter must really read our template's resource types.
        var broken = Path.Combine(Path.GetTempPath(), $"waapp-broken-{Guid.NewGuid():N}.yaml");
        var text = await File.ReadAllTextAsync(CloudFormationTemplate.PathInRepository);
        await File.WriteAllTextAsync(broken, text.Replace("HealthCheckPath: /health/live", "HealthCheckPat: /health/live", StringComparison.Ordinal));
        try
        {
            var lint = await CommandLine.RunAsync("cfn-lint", ["--format", "parseable", broken]);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("HealthCheckPat", lint.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
