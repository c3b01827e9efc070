using System.Reflection;
using Amazon.DynamoDBv2.Endpoints;
using Amazon.DynamoDBv2.Model;
using WaApp.TestInfrastructure;
using Endpoint = Amazon.Runtime.Endpoints.Endpoint;
using Amazon.Runtime.Endpoints;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.DynamoDB.Tests.Support;

namespace WaApp.DynamoDB.Tests.Tables;

[Collection(DynamoDBCollection.Name)]
public sealed class CachingEndpointProviderTests(DynamoDBFixture fixture)
{
    [Fact]
    public void Every_endpoint_parameter_the_SDK_defines_is_part_of_the_key()
    {
        // A parameter the SDK adds later would otherwise be ignored, and one endpoint reused where the rules give two.
        var defined = typeof(DynamoDBEndpointParameters)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(property => property.Name);

        Assert.Equal(defined.Order(), CachingEndpointProvider.KeyedParameters.Order());
    }

    [Fact]
    public void The_rules_run_once_per_set_of_parameters_and_again_for_another_table_or_region()
    {
        var rules = new CountingProvider();
        var provider = new CachingEndpointProvider(rules);

        var first = provider.ResolveEndpoint(Parameters("eu-west-1", "Events"));
        var again = provider.ResolveEndpoint(Parameters("eu-west-1", "Events"));
        var otherTable = provider.ResolveEndpoint(Parameters("eu-west-1", "OrleansSilos"));
        var otherRegion = provider.ResolveEndpoint(Parameters("us-east-1", "Events"));

        Assert.Same(first, again);
        Assert.Equal(3, rules.Calls);
        Assert.Equal("https://eu-west-1/OrleansSilos", otherTable.URL);
        Assert.Equal("https://us-east-1/Events", otherRegion.URL);
    }

    [Fact]
    public async Task A_shared_client_resolves_through_the_cache_and_its_requests_reach_the_store()
    {
        using var client = DynamoDBClientProvider.Create(new DynamoDBClientOptions { Service = fixture.ServiceUrl });

        Assert.IsType<CachingEndpointProvider>(client.Config.EndpointProvider);
        for (var i = 0; i < 2; i++)
        {
            var tables = await client.ListTablesAsync(new ListTablesRequest());
            Assert.NotNull(tables.TableNames);
        }
    }

    private static DynamoDBEndpointParameters Parameters(string region, string table) => new()
    {
        Region = region,
        UseDualStack = false,
        UseFIPS = false,
        ResourceArn = table,
    };

    private sealed class CountingProvider : IEndpointProvider
    {
        public int Calls { get; private set; }

        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            Calls++;
            var dynamoDB = (DynamoDBEndpointParameters)parameters;
            return new Endpoint($"https://{dynamoDB.Region}/{dynamoDB.ResourceArn}");
        }
    }
}
