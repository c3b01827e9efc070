using System.Text.RegularExpressions;

namespace WaApp.Deployment.Tests.Support;

public sealed record CloudFormationResource(string LogicalId, string Type, string? Condition, IReadOnlyDictionary<string, object?> Properties)
{
    public object? this[string property] => Properties.GetValueOrDefault(property);
}

/// <summary>deploy/aws/cloudformation/infrastructure.yaml, parsed.</summary>
public sealed partial class CloudFormationTemplate
{
    private CloudFormationTemplate(IReadOnlyDictionary<string, object?> root)
    {
        var resources = YamlDocument.Mapping(root["Resources"], "Resources");
        Resources = resources.ToDictionary(
            pair => pair.Key,
            pair =>
            {
                var body = YamlDocument.Mapping(pair.Value, pair.Key);
                var properties = body.TryGetValue("Properties", out var value) && value is not null
                    ? YamlDocument.Mapping(value, $"{pair.Key}.Properties")
                    : new Dictionary<string, object?>();
                return new CloudFormationResource(
                    pair.Key,
                    YamlDocument.Scalar(body["Type"], $"{pair.Key}.Type"),
                    body.GetValueOrDefault("Condition") as string,
                    properties);
            });
    }

    public static string PathInRepository { get; } = TestInfrastructure.RepositoryPaths.InRepository("deploy", "aws", "cloudformation", "infrastructure.yaml");

    public IReadOnlyDictionary<string, CloudFormationResource> Resources { get; }

    public static CloudFormationTemplate Load() => new(YamlDocument.LoadMapping(PathInRepository));

    public IEnumerable<CloudFormationResource> OfType(string type) => Resources.Values.Where(resource => resource.Type == type);

    /// <summary>
    /// The text of a plain scalar or a <c>!Sub</c> with its <c>${Name}</c> references replaced from
    /// <paramref name="variables"/> (a reference that is not there stays as written).
    /// </summary>
    public static string Text(object? value, IReadOnlyDictionary<string, string> variables) => value switch
    {
        string text => text,
        YamlFunction { Name: "Sub", Argument: string text } => SubstitutionPattern().Replace(
            text, match => variables.TryGetValue(match.Groups[1].Value, out var replacement) ? replacement : match.Value),
        _ => throw new InvalidDataException($"Expected text or !Sub, found {value ?? "nothing"}."),
    };

    [GeneratedRegex(@"\$\{([A-Za-z0-9:.]+)\}")]
    private static partial Regex SubstitutionPattern();
}
