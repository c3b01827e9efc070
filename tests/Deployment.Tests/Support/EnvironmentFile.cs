namespace WaApp.Deployment.Tests.Support;

/// <summary>A deploy/environments/*.env file: KEY=VALUE lines, comments and blank lines.</summary>
public sealed record EnvironmentFile(string Name, IReadOnlyDictionary<string, string> Settings)
{
    public static IReadOnlyList<string> Names { get; } = ["development", "staging", "production"];

    public static EnvironmentFile Load(string name)
    {
        var path = TestInfrastructure.RepositoryPaths.InRepository("deploy", "environments", $"{name}.env");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in File.ReadLines(path).Select((line, index) => (line.Trim(), index + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"{name}.env line {number} is not KEY=VALUE: '{line}'");
            var key = line[..equals];
            Assert.True(settings.TryAdd(key, line[(equals + 1)..]), $"{name}.env names {key} twice.");
        }

        return new EnvironmentFile(name, settings);
    }
}
