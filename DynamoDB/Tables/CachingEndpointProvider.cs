using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Endpoints;
using Amazon.Runtime.Endpoints;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// Resolves each distinct set of DynamoDB endpoint parameters once. The SDK runs its endpoint rules again for every
/// request, which cost about 3 % of the bytes a webhook allocates (docs/performance.md, fifth pass). For one client the
/// parameters take a handful of values (its region or endpoint, and the table a request names), and the rules are a
/// function of them alone, so the answer for a set can be kept.
/// </summary>
internal sealed class CachingEndpointProvider(IEndpointProvider inner) : IEndpointProvider
{
    // Tables and regions are few; past this many sets something unexpected varies, and resolving each time is right.
    private const int MaxEntries = 256;

    private readonly ConcurrentDictionary<Key, Endpoint> _endpoints = new();

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters is not DynamoDBEndpointParameters dynamoDB)
        {
            return inner.ResolveEndpoint(parameters);
        }

        var key = Key.Of(dynamoDB);
        if (_endpoints.TryGetValue(key, out var endpoint))
        {
            return endpoint;
        }

        endpoint = inner.ResolveEndpoint(parameters);
        if (_endpoints.Count < MaxEntries)
        {
            _endpoints.TryAdd(key, endpoint);
        }

        return endpoint;
    }

    /// <summary>Every parameter of <see cref="DynamoDBEndpointParameters"/> (a test fails when the SDK adds one).</summary>
    internal static readonly string[] KeyedParameters =
    [
        nameof(DynamoDBEndpointParameters.Region), nameof(DynamoDBEndpointParameters.UseDualStack),
        nameof(DynamoDBEndpointParameters.UseFIPS), nameof(DynamoDBEndpointParameters.Endpoint),
        nameof(DynamoDBEndpointParameters.AccountId), nameof(DynamoDBEndpointParameters.AccountIdEndpointMode),
        nameof(DynamoDBEndpointParameters.ResourceArn), nameof(DynamoDBEndpointParameters.ResourceArnList),
        nameof(DynamoDBEndpointParameters.IsSearchOperation),
    ];

    private readonly record struct Key(
        string? Region, bool? UseDualStack, bool? UseFIPS, string? Endpoint, string? AccountId, string? AccountIdEndpointMode,
        string? ResourceArn, string? ResourceArnList, bool? IsSearchOperation)
    {
        public static Key Of(DynamoDBEndpointParameters p) => new(
            p.Region, p.UseDualStack, p.UseFIPS, p.Endpoint, p.AccountId, p.AccountIdEndpointMode, p.ResourceArn,
            p.ResourceArnList is { } arns ? string.Join('\n', arns) : null, p.IsSearchOperation);
    }
}
