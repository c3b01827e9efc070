namespace WaApp.EndToEnd;

/// <summary>The outbound shape and read receipt tests share one simulated-Meta cluster: fewer processes on a loaded box.</summary>
[CollectionDefinition(Name)]
public sealed class MessageShapesCollection : ICollectionFixture<SimulatedMetaCluster>
{
    public const string Name = "MessageShapes";
}
