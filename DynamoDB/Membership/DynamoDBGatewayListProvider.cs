using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using static WaApp.DynamoDB.Tables.MembershipAttributes;

namespace WaApp.DynamoDB.Membership;

/// <summary>Clients find gateways in the cluster's version row: active silos with a proxy port.</summary>
public sealed class DynamoDBGatewayListProvider(
    IOptions<DynamoDBGatewayOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<GatewayOptions> gatewayOptions,
    DynamoDBClientProvider clients) : IGatewayListProvider
{
    private readonly DynamoDBGatewayOptions _options = options.Value;
    private readonly string _clusterId = clusterOptions.Value.ClusterId;
    private readonly IAmazonDynamoDB _client = clients.GetClient(options.Value);

    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    [Obsolete("Orleans always treats gateway lists as updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken = default)
    {
        GetItemResponse response;
        try
        {
            response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = _options.TableName,
                Key = new Dictionary<string, AttributeValue> { [DeploymentId] = new(_clusterId), [SiloIdentity] = new(VersionRowKey) },
                ConsistentRead = true,
                ProjectionExpression = "#silos",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#silos"] = Silos },
            }, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // No silo has created the table yet: no gateways, and the client keeps retrying as usual.
            return [];
        }

        if (response.Item is null || !response.Item.TryGetValue(Silos, out var silos) || silos.M is null)
        {
            return [];
        }

        return silos.M.Values
            .Select(value => MembershipRowCodec.Decode(value).Entry)
            .Where(entry => entry.Status == SiloStatus.Active && entry.ProxyPort > 0)
            .Select(entry => SiloAddress.New(entry.SiloAddress.Endpoint.Address, entry.ProxyPort, entry.SiloAddress.Generation).ToGatewayUri())
            .ToList();
    }

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);
}
