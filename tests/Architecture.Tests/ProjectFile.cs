using System.Xml.Linq;
using WaApp.TestInfrastructure;

namespace WaApp.Architecture.Tests;

/// <summary>One <c>.csproj</c> of the repository: its folder, the projects it references and the files it compiles from elsewhere.</summary>
internal sealed record ProjectFile(string Folder, IReadOnlyList<string> References, IReadOnlyList<string> LinkedSources)
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git"];

    /// <summary>Every project under the repository root, keyed by its folder relative to the root ("Grains", "tests/EndToEnd").</summary>
    public static IReadOnlyDictionary<string, ProjectFile> All() =>
        Directory.EnumerateFiles(RepositoryPaths.RepositoryRoot, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !Relative(path).Split('/').Any(SkippedFolders.Contains))
            .Select(Load)
            .ToDictionary(project => project.Folder, StringComparer.Ordinal);

    private static ProjectFile Load(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var document = XDocument.Load(path);
        var references = document.Descendants("ProjectReference")
            .Select(reference => Relative(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, Normalize(reference.Attribute("Include")!.Value))))!))
            .ToList();
        var linked = document.Descendants("Compile")
            .Select(compile => compile.Attribute("Include")?.Value)
            .OfType<string>()
            .Where(include => Path.GetFullPath(Path.Combine(folder, Normalize(include))) is var full && !full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        return new ProjectFile(Relative(folder), references, linked);
    }

    private static string Normalize(string msbuildPath) => msbuildPath.Replace('\\', Path.DirectorySeparatorChar);

    private static string Relative(string path) =>
        Path.GetRelativePath(RepositoryPaths.RepositoryRoot, path).Replace(Path.DirectorySeparatorChar, '/');
}
