using WaApp.Grains.Abstractions.Templates;
using WaApp.Grains.Templates;

namespace WaApp.Grains.Tests.Templates;

/// <summary>A catalog always fits its stored-size budget (one DynamoDB item), losing the least useful parts first.</summary>
public sealed class TemplateCatalogFitTests
{
    [Fact]
    public void A_small_catalog_is_kept_whole()
    {
        var templates = new[] { Template("a", "APPROVED", 100), Template("b", "PAUSED", 100) };

        Assert.Equal(templates, TemplateCatalogFit.Fit(templates, 10_000));
    }

    [Fact]
    public void Components_of_unsendable_templates_go_first_then_of_approved_ones()
    {
        var templates = new[] { Template("a", "APPROVED", 4_000), Template("b", "REJECTED", 4_000), Template("c", "APPROVED", 4_000) };

        var fitted = TemplateCatalogFit.Fit(templates, 8_000);

        Assert.Equal(3, fitted.Count);
        Assert.Null(fitted.Single(template => template.Name == "b").ComponentsJson);
        Assert.Null(fitted.Single(template => template.Name == "c").ComponentsJson);
        Assert.NotNull(fitted.Single(template => template.Name == "a").ComponentsJson);
        Assert.True(fitted.Sum(TemplateCatalogFit.Size) <= 8_000);
    }

    [Fact]
    public void Beyond_names_and_statuses_the_unsendable_ones_are_dropped()
    {
        var templates = Enumerable.Range(0, 100).Select(i => Template($"t{i:D3}", i % 2 == 0 ? "APPROVED" : "REJECTED", 0)).ToList();

        var fitted = TemplateCatalogFit.Fit(templates, 50 * TemplateCatalogFit.Size(templates[0]));

        Assert.Equal(50, fitted.Count);
        Assert.All(fitted, template => Assert.Equal("APPROVED", template.Status));
    }

    private static MessageTemplate Template(string name, string status, int componentsLength) =>
        new(name, "en_US", "UTILITY", status, "1", "POSITIONAL", componentsLength > 0 ? new string('x', componentsLength) : null, null, null, DateTimeOffset.UnixEpoch, true);
}
