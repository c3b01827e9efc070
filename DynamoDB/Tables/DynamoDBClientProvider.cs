using System.Collections.Concurrent;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using WaApp.DynamoDB.Options;

namespace WaApp.DynamoDB.Tables;

/// <summary>
/// One DynamoDB client per endpoint and credentials for the whole process, shared by every provider, so that
/// HTTP connections are pooled and reused.
/// </summary>
public sealed class DynamoDBClientProvider : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IAmazonDynamoDB>> _clients = new();

    public IAmazonDynamoDB GetClient(DynamoDBClientOptions options)
    {
        var key = string.Join('\n', options.Service, options.AccessKey, options.SecretKey, options.Token, options.ProfileName);
        return _clients.GetOrAdd(key, _ => new Lazy<IAmazonDynamoDB>(() => Create(options))).Value;
    }

    public static IAmazonDynamoDB Create(DynamoDBClientOptions options)
    {
        var client = CreateClient(options);
        DynamoDBRequestMetrics.Observe(client);
        return client;
    }

    private static AmazonDynamoDBClient CreateClient(DynamoDBClientOptions options)
    {
        var config = new AmazonDynamoDBConfig
        {
            MaxErrorRetry = options.MaxErrorRetry,
            Timeout = options.RequestTimeout,
            RetryMode = RequestRetryMode.Standard,
        };

        var client = CreateClient(options, config);

        // The client put its generated endpoint rules on the config while it was built; keep their answers.
        config.EndpointProvider = new CachingEndpointProvider(config.EndpointProvider);
        return client;
    }

    private static AmazonDynamoDBClient CreateClient(DynamoDBClientOptions options, AmazonDynamoDBConfig config)
    {
        if (options.IsServiceUrl)
        {
            // Local endpoints (dynalite, DynamoDB Local) need signed requests but do not check the keys.
            config.ServiceURL = options.Service;
            config.AuthenticationRegion = "us-east-1";
            return new AmazonDynamoDBClient(Credentials(options) ?? new BasicAWSCredentials("local", "local"), config);
        }

        config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Service);
        var credentials = Credentials(options);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
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
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }
}
