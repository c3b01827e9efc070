using System.Text.RegularExpressions;
using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

/// <summary>Runs the Dockerfile's own restore and publish steps (no Docker engine here) into a temporary folder.</summary>
public sealed partial class PublishTests
{
    [Fact]
    public async Task Dockerfile_build_steps_publish_both_hosts_where_the_entrypoint_starts_them()
    {
        var steps = BuildStageCommands();
        var restores = steps.Where(step => step.StartsWith("dotnet restore ", StringComparison.Ordinal)).ToList();
        var publishes = steps.Select(step => PublishPattern().Match(step)).Where(match => match.Success).ToList();
        Assert.Equal(["Silo/Silo.csproj", "WebGateway/WebGateway.csproj"], publishes.Select(match => match.Groups["project"].Value));
        Assert.Equal(["dotnet restore Silo/Silo.csproj", "dotnet restore WebGateway/WebGateway.csproj"], restores);

        var output = Directory.CreateTempSubdirectory("waapp-publish-").FullName;
        try
        {
            foreach (var restore in restores)
            {
                await RunDotnetAsync(restore);
            }

            foreach (var publish in publishes)
            {
                var folder = Path.Combine(output, Path.GetFileName(publish.Groups["output"].Value));
                await RunDotnetAsync($"{publish.Groups["command"].Value} -o {folder}");
            }

            var entrypoint = await File.ReadAllTextAsync(TestInfrastructure.RepositoryPaths.InRepository("deploy", "docker", "docker-entrypoint.sh"));
            foreach (var host in new[] { "silo/WaApp.Silo.dll", "gateway/WaApp.WebGateway.dll" })
            {
                Assert.True(File.Exists(Path.Combine(output, host)), $"publish did not produce {host}.");
                Assert.Contains($"exec dotnet /app/{host}", entrypoint, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task RunDotnetAsync(string commandLine)
    {
        var arguments = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dotnet", arguments[0]);
        var result = await CommandLine.RunAsync("dotnet", [.. arguments[1..], "-nologo"], timeout: TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, $"{commandLine} failed: {result}");
    }

    /// <summary>The RUN commands of the Dockerfile's "build" stage, in order.</summary>
    private static List<string> BuildStageCommands()
    {
        var commands = new List<string>();
        string? stage = null;
        foreach (var line in File.ReadLines(TestInfrastructure.RepositoryPaths.InRepository("Dockerfile")))
        {
            var from = Regex.Match(line, @"^FROM\s+\S+\s+AS\s+(\S+)", RegexOptions.IgnoreCase);
            if (from.Success)
            {
                stage = from.Groups[1].Value;
            }
            else if (stage == "build" && line.StartsWith("RUN ", StringComparison.Ordinal))
            {
                commands.Add(line[4..].Trim());
            }
        }

        return commands;
    }

    [GeneratedRegex(@"^(?<command>dotnet publish (?<project>\S+\.csproj) .*?)\s+-o\s+(?<output>\S+)$")]
    private static partial Regex PublishPattern();
}
