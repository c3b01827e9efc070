using System.Text.RegularExpressions;
using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

/// <summary>Runs the Dockerfile's own restore and publish steps (no Docker engine here) into a temporary folder.</summary>
public sealed partial class PublishTests
{
    [Fact]
    public async Task Dockerfile_build_steps_publish_every_host_where_the_entrypoint_starts_them()
    {
        var steps = BuildStageCommands();
        var restores = steps.Where(step => step.StartsWith("dotnet restore ", StringComparison.Ordinal)).ToList();
        var publishes = steps.Select(step => PublishPattern().Match(step)).Where(match => match.Success).ToList();
        Assert.Equal(["Silo/Silo.csproj", "WebGateway/WebGateway.csproj", "Server/Server.csproj"], publishes.Select(match => match.Groups["project"].Value));
        Assert.Equal(["dotnet restore Silo/Silo.csproj", "dotnet restore WebGateway/WebGateway.csproj", "dotnet restore Server/Server.csproj"], restores);

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
            foreach (var host in new[] { "silo/WaApp.Silo.dll", "gateway/WaApp.WebGateway.dll", "server/WaApp.Server.dll" })
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

    [Fact]
    public void Dockerfile_restore_layer_copies_every_project_the_hosts_reference()
    {
        var copied = File.ReadLines(TestInfrastructure.RepositoryPaths.InRepository("Dockerfile"))
            .Select(line => CopyProjectPattern().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        var needed = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(["Silo/Silo.csproj", "WebGateway/WebGateway.csproj", "Server/Server.csproj"]);
        while (pending.TryPop(out var project))
        {
            if (!needed.Add(project))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(project)!;
            var document = System.Xml.Linq.XDocument.Load(TestInfrastructure.RepositoryPaths.InRepository(project));
            foreach (var reference in document.Descendants("ProjectReference").Select(element => (string?)element.Attribute("Include")))
            {
                var full = Path.GetFullPath(Path.Combine(TestInfrastructure.RepositoryPaths.RepositoryRoot, folder, reference!.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(TestInfrastructure.RepositoryPaths.RepositoryRoot, full).Replace('\\', '/'));
            }
        }

        var missing = needed.Where(project => !copied.Contains(project)).ToList();
        Assert.True(missing.Count == 0, $"The Dockerfile's restore layer does not COPY: {string.Join(", ", missing)}");
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

    [GeneratedRegex(@"^COPY\s+(\S+\.csproj)\s+\S+/?$")]
    private static partial Regex CopyProjectPattern();

    [GeneratedRegex(@"^(?<command>dotnet publish (?<project>\S+\.csproj) .*?)\s+-o\s+(?<output>\S+)$")]
    private static partial Regex PublishPattern();
}
