using System.Text.RegularExpressions;
using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

public sealed partial class YamlFileTests
{
    public static TheoryData<string> YamlFiles =>
    [
        ".github/workflows/test.yml",
        ".github/workflows/deploy.yml",
        "docker-compose.yml",
        "apprunner.yaml",
    ];

    public static TheoryData<string> Workflows => [".github/workflows/test.yml", ".github/workflows/deploy.yml"];

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void File_parses_as_one_yaml_mapping(string file)
    {
        var document = YamlDocument.LoadMapping(TestInfrastructure.RepositoryPaths.InRepository(file));

        Assert.NotEmpty(document);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_runs_only_scripts_and_projects_that_exist(string file)
    {
        var workflow = YamlDocument.LoadMapping(TestInfrastructure.RepositoryPaths.InRepository(file));
        var jobs = YamlDocument.Mapping(workflow["jobs"], "jobs");
        var referenced = new List<string>();

        foreach (var (name, body) in jobs)
        {
            var job = YamlDocument.Mapping(body, name);
            if (job.GetValueOrDefault("uses") is string reusable && reusable.StartsWith("./", StringComparison.Ordinal))
            {
                referenced.Add(reusable[2..]);
            }

            var steps = job.TryGetValue("steps", out var list) ? YamlDocument.Sequence(list, $"{name}.steps") : [];
            foreach (var step in steps.Select(item => YamlDocument.Mapping(item, $"{name} step")))
            {
                if (step.GetValueOrDefault("run") is string run)
                {
                    referenced.AddRange(RepositoryPathPattern().Matches(run).Select(match => match.Groups[1].Value));
                }
            }
        }

        Assert.NotEmpty(referenced);
        Assert.All(referenced, path => Assert.True(
            File.Exists(TestInfrastructure.RepositoryPaths.InRepository(path)), $"{file} refers to {path}, which does not exist."));
    }

    [Fact]
    public void Test_workflow_runs_the_same_test_script_as_ci()
    {
        var ci = File.ReadAllText(TestInfrastructure.RepositoryPaths.InRepository(".ci", "run"));
        var workflow = File.ReadAllText(TestInfrastructure.RepositoryPaths.InRepository(".github", "workflows", "test.yml"));

        Assert.Contains("./scripts/run_tests.sh", ci, StringComparison.Ordinal);
        Assert.Contains("run: ./scripts/run_tests.sh", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_runs_dynamodb_local_three_silos_a_gateway_and_the_simulator_from_existing_files()
    {
        var compose = YamlDocument.LoadMapping(TestInfrastructure.RepositoryPaths.InRepository("docker-compose.yml"));
        var services = YamlDocument.Mapping(compose["services"], "services");
        var dockerfileStages = DockerfileStages();

        Assert.StartsWith("amazon/dynamodb-local", YamlDocument.Scalar(YamlDocument.Mapping(services["dynamodb"], "dynamodb")["image"], "image"), StringComparison.Ordinal);
        var commands = services.Values
            .Select(service => YamlDocument.Mapping(service, "service"))
            .Where(service => service.ContainsKey("build"))
            .Select(service => service.GetValueOrDefault("command") is IReadOnlyList<object?> command ? string.Join(' ', command) : "(image entrypoint)")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["(image entrypoint)", "gateway", "silo", "silo", "silo"], commands);

        foreach (var (name, body) in services)
        {
            var service = YamlDocument.Mapping(body, name);
            if (service.GetValueOrDefault("build") is IReadOnlyDictionary<string, object?> build)
            {
                Assert.Contains(YamlDocument.Scalar(build["target"], $"{name}.build.target"), dockerfileStages);
            }

            foreach (var envFile in service.GetValueOrDefault("env_file") as IReadOnlyList<object?> ?? [])
            {
                Assert.True(File.Exists(TestInfrastructure.RepositoryPaths.InRepository(YamlDocument.Scalar(envFile, "env_file"))), $"{name} reads a missing env_file {envFile}.");
            }
        }
    }

    [Fact]
    public void Compose_simulator_signs_and_authenticates_with_the_development_secrets()
    {
        var compose = YamlDocument.LoadMapping(TestInfrastructure.RepositoryPaths.InRepository("docker-compose.yml"));
        var simulator = YamlDocument.Mapping(YamlDocument.Mapping(compose["services"], "services")["simulator"], "simulator");
        var environment = YamlDocument.Mapping(simulator["environment"], "simulator.environment");
        var development = EnvironmentFile.Load("development");

        Assert.Equal(development.Settings["WhatsApp__AppSecrets__0"], environment["Simulator__AppSecret"]);
        Assert.Equal(development.Settings["WhatsApp__AccessToken"], environment["Simulator__AccessToken"]);
        Assert.Equal("http://gateway:8080/webhook", environment["Simulator__WebhookUrl"]);
    }

    [Fact]
    public void App_runner_recipe_serves_the_gateway_on_8080_with_secrets_by_reference()
    {
        var recipe = YamlDocument.LoadMapping(TestInfrastructure.RepositoryPaths.InRepository("apprunner.yaml"));
        var run = YamlDocument.Mapping(recipe["run"], "run");
        var network = YamlDocument.Mapping(run["network"], "run.network");
        var secrets = YamlDocument.Sequence(run["secrets"], "run.secrets").Select(item => YamlDocument.Mapping(item, "secret")).ToList();
        var plain = YamlDocument.Sequence(run["env"], "run.env").Select(item => YamlDocument.Scalar(YamlDocument.Mapping(item, "env")["name"], "name"));

        Assert.Equal("8080", network["port"]);
        Assert.Contains("WebGateway/WebGateway.csproj", string.Join('\n', YamlDocument.AllScalars(recipe["build"])), StringComparison.Ordinal);
        Assert.Equal(
            Settings.All.Where(Settings.IsSecret).Order(StringComparer.Ordinal),
            secrets.Select(secret => YamlDocument.Scalar(secret["name"], "name")).Where(name => name != "WhatsApp__AppSecrets__1").Order(StringComparer.Ordinal));
        Assert.All(secrets, secret => Assert.StartsWith("arn:aws:secretsmanager:", YamlDocument.Scalar(secret["value-from"], "value-from"), StringComparison.Ordinal));
        Assert.DoesNotContain(plain, Settings.IsSecret);
    }

    private static HashSet<string> DockerfileStages() =>
        File.ReadLines(TestInfrastructure.RepositoryPaths.InRepository("Dockerfile"))
            .Select(line => StagePattern().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    // A repository file named in a shell step: ./scripts/x.sh, tests/X/X.csproj, WaApp.sln...
    [GeneratedRegex(@"(?:^|[\s""'])(?:\./)?((?:[\w.-]+/)*[\w.-]+\.(?:sh|csproj|sln|env|yaml|yml))\b")]
    private static partial Regex RepositoryPathPattern();

    [GeneratedRegex(@"^FROM\s+\S+\s+AS\s+(\S+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex StagePattern();
}
