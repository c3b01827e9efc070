using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace WaApp.TestInfrastructure;

/// <summary>
/// A real DynamoDB API for tests: dynalite started from tools/dynamodb-local on a free port (the fast default),
/// AWS's DynamoDB Local instead when DYNAMODB_STORE=dynamodb-local (scripts/run_tests.sh runs the provider contract
/// tests against both), or the endpoint named by DYNAMODB_SERVICE_URL (for example real DynamoDB).
/// </summary>
public sealed class DynamoDBServer : IAsyncDisposable
{
    public const string ServiceUrlVariable = "DYNAMODB_SERVICE_URL";

    /// <summary><c>dynalite</c> (default) or <c>dynamodb-local</c>: which emulator tests start.</summary>
    public const string StoreVariable = "DYNAMODB_STORE";

    private static readonly LocalStore Store = LocalStore.FromEnvironment(Environment.GetEnvironmentVariable(StoreVariable));

    private readonly string? _dataPath;
    private Process? _process;
    private int _port;

    private DynamoDBServer(string serviceUrl, string? dataPath)
    {
        ServiceUrl = serviceUrl;
        _dataPath = dataPath;
    }

    /// <summary>http://127.0.0.1:port of dynalite, or the external endpoint.</summary>
    public string ServiceUrl { get; private set; }

    /// <summary>True when this object owns an emulator process it can stop and start.</summary>
    public bool IsLocal => _process is not null || _port != 0;

    /// <summary>Starts the emulator; with <paramref name="onDisk"/> its data survives <see cref="StopAsync"/>/<see cref="StartAsync"/>.</summary>
    public static async Task<DynamoDBServer> StartAsync(bool onDisk = false, bool allowExternal = true)
    {
        var external = Environment.GetEnvironmentVariable(ServiceUrlVariable);
        if (allowExternal && !string.IsNullOrWhiteSpace(external))
        {
            return new DynamoDBServer(external, dataPath: null);
        }

        var dataPath = onDisk ? Directory.CreateTempSubdirectory("waapp-dynalite-").FullName : null;
        var server = new DynamoDBServer(string.Empty, dataPath);
        await server.StartAsync();
        return server;
    }

    /// <summary>(Re)starts the local emulator on the same port.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            return;
        }

        var script = RepositoryPaths.InRepository("tools", "dynamodb-local", Store.Script);
        var modules = RepositoryPaths.InRepository("tools", "dynamodb-local", "node_modules", Store.Package);
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"{Store.Name} is not installed: run 'npm ci' in tools/dynamodb-local (scripts/run_tests.sh does).");
        }

        var (process, serviceUrl) = await NodeServerProcess.StartAsync(Store.Name, script, _port, _dataPath, Store.StartTimeout);
        ServiceUrl = serviceUrl;
        _port = new Uri(ServiceUrl).Port;
        _process = process;
    }

    /// <summary>Stops the local emulator (an outage); the port stays reserved for <see cref="StartAsync()"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        var process = _process;
        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>A client for this endpoint with dummy credentials (the emulators do not check them).</summary>
    public IAmazonDynamoDB CreateClient()
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = ServiceUrl,
            AuthenticationRegion = "us-east-1",
            Timeout = TimeSpan.FromSeconds(10),
            MaxErrorRetry = 2,
        };
        return new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config);
    }

    /// <summary>A table prefix no other test uses, so tests can share one server.</summary>
    public static string UniqueTablePrefix(string scope = "t") => $"{scope}-{Guid.NewGuid().ToString("N")[..10]}-";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_dataPath is not null)
        {
            try
            {
                Directory.Delete(_dataPath, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS temp folder is cleaned eventually.
            }
        }
    }
}
