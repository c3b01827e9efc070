using Microsoft.Extensions.DependencyInjection;
using WaApp.WhatsApp.Graph;
using WaApp.WhatsApp.Templates;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>WaApp's template management client against the simulator: every page, creation, editing and deletion.</summary>
public sealed class TemplateClientTests
{
    [Fact]
    public async Task The_client_reads_every_page_and_creates_edits_and_deletes()
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:TemplateReviewDelay"] = "00:00:00.050" });
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<GraphApiClientOptions>(options =>
        {
            options.GraphApiBaseUrl = harness.BaseAddress;
            options.ApiVersion = "v24.0";
            options.AccessToken = "dev-token";
        });
        services.AddWhatsAppTemplateManagement();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ITemplateManagementClient>();
        const string Waba = "104857362918475";

        // More than one page of the client's 100: the client must follow paging.next.
        for (var i = 0; i < 130; i++)
        {
            var created = await client.CreateAsync(Waba, $$$"""{"name":"notice_{{{i:D3}}}","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Notice {{1}} is ready."}]}""");
            Assert.True(created.Succeeded, created.Error);
            Assert.Equal("PENDING", created.Value!.Status);
        }

        var listed = await client.ListAllAsync(Waba);
        Assert.True(listed.Succeeded, listed.Error);
        Assert.Equal(130, listed.Value!.Count);
        Assert.Equal(130, listed.Value.Select(template => template.Name).Distinct().Count());
        Assert.Contains("Notice {{1}} is ready.", listed.Value[0].ComponentsJson, StringComparison.Ordinal);

        var duplicate = await client.CreateAsync(Waba, """{"name":"notice_000","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Again {{1}}."}]}""");
        Assert.False(duplicate.Succeeded);
        Assert.Equal(100, duplicate.ErrorCode);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);

        // An edit goes to POST /{template-id}: refused while Meta reviews the template, taken once it is approved.
        const string Edit = """{"components":[{"type":"BODY","text":"Notice {{1}} is ready for you."}]}""";
        var id = listed.Value[1].Id;
        var approved = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        TemplateCallResult<bool> edited;
        while (!(edited = await client.EditAsync(id, Edit)).Succeeded)
        {
            Assert.Equal(100, edited.ErrorCode);
            Assert.True(DateTime.UtcNow < approved, edited.Error);
            await Task.Delay(50);
        }

        Assert.Contains("ready for you", (await client.ListAllAsync(Waba)).Value!.Single(template => template.Id == id).ComponentsJson, StringComparison.Ordinal);
        Assert.Equal(100, (await client.EditAsync("1000000000000001", Edit)).ErrorCode);

        Assert.True((await client.DeleteAsync(Waba, "notice_000")).Succeeded);
        var missing = await client.DeleteAsync(Waba, "notice_000");
        Assert.False(missing.Succeeded);
        Assert.Equal(129, (await client.ListAllAsync(Waba)).Value!.Count);
    }
}
