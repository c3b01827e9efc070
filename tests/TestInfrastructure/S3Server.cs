using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;

namespace WaApp.TestInfrastructure;

/// <summary>
/// A real S3 API for tests: s3rver started from tools/dynamodb-local (next to dynalite) on a free port, with its files
/// in a temporary folder that is removed on dispose. s3rver checks signatures against its fixed credentials.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _dataPath;
    private Process? _process;
    private int _port;

    private S3Server(string dataPath) => _dataPath = dataPath;

    /// <summary>http://127.0.0.1:port of s3rver.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>The settings that point a WaApp host at this server and <paramref name="bucket"/> (created at start).</summary>
    public Dictionary<string, string?> HostSettings(string bucket) => new()
    {
        ["Media__ServiceUrl"] = ServiceUrl,
        ["Media__BucketName"] = bucket,
        ["Media__AccessKey"] = AccessKey,
        ["Media__SecretKey"] = SecretKey,
        ["Media__CreateBucketIfNotExists"] = "true",
    };

    /// <summary>A bucket name no other test uses, so tests can share one server.</summary>
    public static string UniqueBucket(string scope = "t") => $"{scope}-{Guid.NewGuid().ToString("N")[..12]}";

    public static async Task<S3Server> StartAsync()
    {
        var server = new S3Server(Directory.CreateTempSubdirectory("waapp-s3rver-").FullName);
        await server.RestartAsync();
        return server;
    }

    /// <summary>(Re)starts s3rver on the same port with the same files.</summary>
    public async Task RestartAsync()
    {
        if (_process is not null)
        {
            return;
        }

        var script = RepositoryPaths.InRepository("tools", "dynamodb-local", "start-s3.js");
        if (!Directory.Exists(RepositoryPaths.InRepository("tools", "dynamodb-local", "node_modules", "s3rver")))
        {
            throw new InvalidOperationException("s3rver is not installed: run 'npm ci' in tools/dynamodb-local (scripts/run_tests.sh does).");
        }

        var (process, serviceUrl) = await NodeServerProcess.StartAsync("s3rver", script, _port, _dataPath, StartTimeout);
        ServiceUrl = serviceUrl;
        _port = new Uri(ServiceUrl).Port;
        _process = process;
    }

    /// <summary>A client for this server, e.g. to list what a test stored.</summary>
    public IAmazonS3 CreateClient() => new AmazonS3Client(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

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
