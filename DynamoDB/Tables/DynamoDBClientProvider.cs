using System.Collections.Concurrent;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using WaApp.DynamoDB.Options;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// One DynamoDB client per endpoint and credentials for the whole process, shared by every provider, so that
/// HTTP connections are pooled and reused.
/// </summary>
public sealed class DynamoDBClientProvider : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Connection>> _connections = new();

    public IAmazonDynamoDB GetClient(DynamoDBClientOptions options) => GetConnection(options).Client;

    /// <summary>The <c>PutItem</c> sender of <see cref="GetClient"/>'s client, for the writes on the webhook path.</summary>
    public DirectPutItem GetDirectPutItem(DynamoDBClientOptions options) => GetConnection(options).PutItem;

    public static IAmazonDynamoDB Create(DynamoDBClientOptions options)
    {
        var client = CreateClient(options, new AmazonDynamoDBConfig());
        DynamoDBRequestMetrics.Observe(client);
        return client;
    }

    private Connection GetConnection(DynamoDBClientOptions options)
    {
        var key = string.Join('\n', options.Service, options.AccessKey, options.SecretKey, options.Token, options.ProfileName);
        return _connections.GetOrAdd(key, _ => new Lazy<Connection>(() => Connect(options))).Value;
    }

    private static Connection Connect(DynamoDBClientOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        var client = CreateClient(options, config);
        DynamoDBRequestMetrics.Observe(client);

        // The regional (or local) endpoint; the table does not change it for PutItem.
        var endpoint = new Uri(client.DetermineServiceOperationEndpoint(new PutItemRequest { TableName = "t" }).URL);
        var signingRegion = config.AuthenticationRegion ?? config.RegionEndpoint.SystemName;
        var explicitCredentials = options.IsServiceUrl ? Credentials(options) ?? LocalCredentials : Credentials(options);
        var ambient = new Lazy<AWSCredentials?>(() => AmbientCredentials(config));
        Func<AWSCredentials?> credentials = explicitCredentials is null ? () => ambient.Value : () => explicitCredentials;
        return new Connection(client, new DirectPutItem(client, credentials, endpoint, signingRegion, options.RequestTimeout));
    }

    private static AmazonDynamoDBClient CreateClient(DynamoDBClientOptions options, AmazonDynamoDBConfig config)
    {
        config.MaxErrorRetry = options.MaxErrorRetry;
        config.Timeout = options.RequestTimeout;
        config.RetryMode = RequestRetryMode.Standard;

        var client = CreateConfiguredClient(options, config);

        // The client put its generated endpoint rules on the config while it was built; keep their answers.
        config.EndpointProvider = new CachingEndpointProvider(config.EndpointProvider);
        return client;
    }

    private static AmazonDynamoDBClient CreateConfiguredClient(DynamoDBClientOptions options, AmazonDynamoDBConfig config)
    {
        if (options.IsServiceUrl)
        {
            // Local endpoints (dynalite, DynamoDB Local) need signed requests but do not check the keys.
            config.ServiceURL = options.Service;
            config.AuthenticationRegion = "us-east-1";
            return new AmazonDynamoDBClient(Credentials(options) ?? LocalCredentials, config);
        }

        config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Service);
        var credentials = Credentials(options);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    private static AWSCredentials LocalCredentials { get; } = new BasicAWSCredentials("local", "local");

    // Environment, ECS task role, instance profile: what the SDK client finds itself. None: the SDK's try says why.
    private static AWSCredentials? AmbientCredentials(AmazonDynamoDBConfig config)
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    private static AWSCredentials? Credentials(DynamoDBClientOptions options)
    {
        if (!string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrEmpty(options.SecretKey))
        {
            return string.IsNullOrEmpty(options.Token)
                ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.Token);
        }

        if (!string.IsNullOrEmpty(options.ProfileName))
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(options.ProfileName, out var profile)
                ? profile
                : throw new InvalidOperationException($"AWS profile '{options.ProfileName}' was not found.");
        }

        // Ambient credentials: environment, ECS task role, instance profile.
        return null;
    }

    public void Dispose()
    {
        foreach (var connection in _connections.Values.Where(c => c.IsValueCreated))
        {
            connection.Value.PutItem.Dispose();
            connection.Value.Client.Dispose();
        }

        _connections.Clear();
    }

    private sealed record Connection(IAmazonDynamoDB Client, DirectPutItem PutItem);
}
