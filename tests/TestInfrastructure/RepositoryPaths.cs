namespace WaApp.TestInfrastructure;

/// <summary>Locates the repository checkout from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder that holds WaApp.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WaApp.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"WaApp.sln not found above {AppContext.BaseDirectory}.");
    }
}
