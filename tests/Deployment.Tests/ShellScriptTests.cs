using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

public sealed class ShellScriptTests
{
    [Fact]
    public async Task Every_tracked_shell_script_passes_shellcheck()
    {
        var scripts = await TrackedScriptsAsync();
        Assert.Contains("scripts/deploy.sh", scripts);
        Assert.Contains("deploy/aws/scripts/setup-aws-resources.sh", scripts);
        Assert.Contains("deploy/docker/docker-entrypoint.sh", scripts);

        var shellcheck = await CommandLine.RunAsync("shellcheck", ["--external-sources", "--format=gcc", .. scripts]);

        Assert.True(shellcheck.ExitCode == 0, $"shellcheck found problems: {shellcheck}");
    }

    [Fact]
    public async Task Every_script_that_runs_on_its_own_stops_on_the_first_error()
    {
        // scripts/lib holds files that are sourced, not run.
        var scripts = (await TrackedScriptsAsync()).Where(script => !script.StartsWith("scripts/lib/", StringComparison.Ordinal));

        foreach (var script in scripts)
        {
            var text = await File.ReadAllTextAsync(TestInfrastructure.RepositoryPaths.InRepository(script));
            Assert.True(text.Contains("set -euo pipefail", StringComparison.Ordinal), $"{script} does not start with 'set -euo pipefail'.");
        }
    }

    private static async Task<IReadOnlyList<string>> TrackedScriptsAsync()
    {
        var listed = await CommandLine.RunAsync("git", ["ls-files", "--", "*.sh", ".ci/run"]);
        Assert.True(listed.ExitCode == 0, $"git ls-files failed: {listed}");
        return listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
