using YamlDotNet.RepresentationModel;

namespace WaApp.Deployment.Tests.Support;

/// <summary>A CloudFormation short-form function such as <c>!Sub "..."</c> or <c>!Ref Name</c>.</summary>
public sealed record YamlFunction(string Name, object? Argument);

/// <summary>
/// Loads a YAML file into plain values: mappings become dictionaries, sequences lists, scalars strings and
/// tagged nodes (CloudFormation's <c>!Ref</c>, <c>!Sub</c>...) <see cref="YamlFunction"/>s. Throws on invalid YAML.
/// </summary>
public static class YamlDocument
{
    public static IReadOnlyDictionary<string, object?> LoadMapping(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        Assert.True(stream.Documents.Count == 1, $"{path} must hold exactly one YAML document.");
        return Convert(stream.Documents[0].RootNode) as IReadOnlyDictionary<string, object?>
            ?? throw new InvalidDataException($"{path} is not a YAML mapping.");
    }

    public static IReadOnlyDictionary<string, object?> Mapping(object? value, string what) =>
        value as IReadOnlyDictionary<string, object?> ?? throw new InvalidDataException($"{what} is not a mapping.");

    public static IReadOnlyList<object?> Sequence(object? value, string what) =>
        value as IReadOnlyList<object?> ?? throw new InvalidDataException($"{what} is not a sequence.");

    public static string Scalar(object? value, string what) =>
        value as string ?? throw new InvalidDataException($"{what} is not a plain scalar (found {value ?? "nothing"}).");

    /// <summary>Every scalar string anywhere below <paramref name="value"/>, including function arguments.</summary>
    public static IEnumerable<string> AllScalars(object? value) => value switch
    {
        string text => [text],
        IReadOnlyDictionary<string, object?> mapping => mapping.Keys.Concat(mapping.Values.SelectMany(AllScalars)),
        IReadOnlyList<object?> sequence => sequence.SelectMany(AllScalars),
        YamlFunction function => AllScalars(function.Argument),
        _ => [],
    };

    // Applies YAML merge keys (<<: *anchor), which docker compose files use; explicit keys win.
    private static IReadOnlyDictionary<string, object?> ConvertMapping(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children.Where(pair => IsMergeKey(pair.Key)))
        {
            var merged = value is YamlSequenceNode sequence ? sequence.Children : [value];
            foreach (var source in merged.Select(Convert).OfType<IReadOnlyDictionary<string, object?>>())
            {
                foreach (var (name, item) in source)
                {
                    result.TryAdd(name, item);
                }
            }
        }

        foreach (var (key, value) in mapping.Children.Where(pair => !IsMergeKey(pair.Key)))
        {
            result[((YamlScalarNode)key).Value ?? string.Empty] = Convert(value);
        }

        return result;
    }

    private static bool IsMergeKey(YamlNode key) => key is YamlScalarNode { Value: "<<" };

    private static object? Convert(YamlNode node)
    {
        object? value = node switch
        {
            YamlMappingNode mapping => ConvertMapping(mapping),
            YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
            YamlScalarNode scalar => scalar.Value,
            _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType}."),
        };
        var tag = node.Tag;
        return !tag.IsEmpty && tag.Value.StartsWith('!') && !tag.Value.StartsWith("!!", StringComparison.Ordinal)
            ? new YamlFunction(tag.Value[1..], value)
            : value;
    }
}
