using System.Net;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>With storage or every silo gone, the REST API answers 503 problem details with Retry-After, never an empty 500.</summary>
public sealed class ApiOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 1, localDynamoDB: true);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Storage_down_is_a_503_problem_with_retry_after()
    {
        await _cluster.DynamoDB.StopAsync();

        // A conversation not yet active must be read from storage.
        await AssertUnavailableAsync($"/api/v1/conversations/{TextWebhooks.NewPhoneNumberId()}/{TextWebhooks.NewWaId()}");
    }

    [Fact]
    public async Task No_silo_is_a_503_problem_with_retry_after()
    {
        await _cluster.KillSiloAsync(0);

        await AssertUnavailableAsync($"/api/v1/businesses/{TextWebhooks.NewPhoneNumberId()}/settings");
    }

    private async Task AssertUnavailableAsync(string path)
    {
        using var client = _cluster.CreateClient();
        client.Timeout = Bound;
        var deadline = DateTime.UtcNow + Bound;
        HttpResponseMessage response;

        // The first calls may still succeed (a silo not yet known to be dead) or fail on the way: wait for the outage.
        while (true)
        {
            response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK && response.StatusCode != HttpStatusCode.NotFound || DateTime.UtcNow > deadline)
            {
                break;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        using (response)
        {
            var problem = await ApiJson.ReadAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing.");
        }
    }
}
