namespace WaApp.EndToEnd;

/// <summary>The chaos test runs with no other test class beside it: its timeouts assume the cores are its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "Chaos";
}
