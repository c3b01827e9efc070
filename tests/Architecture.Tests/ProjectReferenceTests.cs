namespace WaApp.Architecture.Tests;

/// <summary>
/// The project references of design §2 (docs/development.md): abstractions stay apart from providers and hosts, the
/// gateway talks to grains only through their contracts, and no project compiles another project's files.
/// </summary>
public sealed class ProjectReferenceTests
{
    // Every production project and the only projects of ours it may reference directly.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Grains.Abstractions"] = [],
        ["WhatsApp"] = [],
        ["EventSourcing"] = [],
        ["ServiceDefaults"] = [],
        ["DynamoDB"] = ["EventSourcing"],
        ["Grains"] = ["Grains.Abstractions", "WhatsApp", "EventSourcing"],
        ["Silo"] = ["Grains", "DynamoDB", "ServiceDefaults"],
        ["WebGateway"] = ["Grains.Abstractions", "WhatsApp", "DynamoDB", "ServiceDefaults"],
        // The co-hosted server composes the two hosts through their own extension methods, so neither host needs a
        // reference it may not have (the gateway still never sees Grains) and both still run alone (split mode).
        ["Server"] = ["Silo", "WebGateway"],
        ["tools/CloudApiSimulator"] = [],
    };

    private static readonly IReadOnlyDictionary<string, ProjectFile> Projects = ProjectFile.All();

    [Fact]
    public void Every_production_project_references_only_what_the_design_allows()
    {
        var violations = Allowed
            .SelectMany(rule => Projects[rule.Key].References.Except(rule.Value).Select(reference => $"{rule.Key} → {reference}"))
            .ToList();

        Assert.True(violations.Count == 0, "Forbidden references: " + string.Join(", ", violations));
    }

    [Fact]
    public void Every_project_outside_tests_and_bench_is_in_the_design_table()
    {
        var unknown = Projects.Keys
            .Where(folder => !folder.StartsWith("tests/", StringComparison.Ordinal) && !folder.StartsWith("bench/", StringComparison.Ordinal))
            .Except(Allowed.Keys)
            .ToList();

        Assert.True(unknown.Count == 0, "Projects without rules (add them to design §2 and this test): " + string.Join(", ", unknown));
    }

    [Theory]
    [InlineData("Grains", "DynamoDB")]
    [InlineData("WebGateway", "Grains")]
    [InlineData("Grains.Abstractions", "Grains")]
    [InlineData("EventSourcing", "DynamoDB")]
    [InlineData("Silo", "WebGateway")]
    [InlineData("WebGateway", "Silo")]
    [InlineData("Silo", "Server")]
    [InlineData("WebGateway", "Server")]
    public void The_rules_forbid_the_references_that_would_break_the_layering(string project, string reference) =>
        Assert.DoesNotContain(reference, Allowed[project]);

    [Fact]
    public void No_project_compiles_files_of_another_folder()
    {
        var linked = Projects.Values
            .SelectMany(project => project.LinkedSources.Select(source => $"{project.Folder}: {source}"))
            .ToList();

        Assert.True(linked.Count == 0, "Linked sources (move shared code into a project both reference): " + string.Join(", ", linked));
    }
}
