using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>A silo and a gateway as real processes on dynalite for the REST API tests; businesses flush every second.</summary>
public sealed class ApiClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public const string ReadOnlyKey = "read-only-key-5e2a";

    public async Task InitializeAsync() =>
        Cluster = await LocalCluster.StartAsync(silos: 1, extraSettings: new Dictionary<string, string?>
        {
            ["Business__FlushInterval"] = "00:00:01",
            ["Api__ReadOnlyKeys__0"] = ReadOnlyKey,
        });

    /// <summary>A new conversation whose customer wrote five minutes ago (its window is open), and a client with the agent key.</summary>
    public async Task<(HttpClient Client, string Path)> NewConversationAsync()
    {
        var (phoneNumberId, waId) = (TextWebhooks.NewPhoneNumberId(), TextWebhooks.NewWaId());
        using (var webhook = await Cluster.PostWebhookAsync(TextWebhooks.Build(phoneNumberId, [new(waId, $"wamid.{waId}.1", "hi", DateTimeOffset.UtcNow.AddMinutes(-5))])))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, webhook.StatusCode);
        }

        return (Cluster.CreateClient(), $"/api/v1/conversations/{phoneNumberId}/{waId}");
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiClusterCollection : ICollectionFixture<ApiClusterFixture>
{
    public const string Name = "api-cluster";
}
