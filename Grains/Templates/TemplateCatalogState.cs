using WaApp.Grains.Abstractions.Templates;

namespace WaApp.Grains.Templates;

/// <summary>The stored catalog: one item per account.</summary>
[GenerateSerializer, Alias("waapp.TemplateCatalogState")]
public sealed class TemplateCatalogState
{
    [Id(0)]
    public List<MessageTemplate> Templates { get; set; } = [];

    [Id(1)]
    public DateTimeOffset? SyncedAt { get; set; }
}
