using System.Net;
using System.Net.Sockets;
using System.Text;
using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

/// <summary>The image's entrypoint health check, against a real HTTP listener on loopback.</summary>
public sealed class EntrypointTests
{
    private const string Entrypoint = "deploy/docker/docker-entrypoint.sh";

    [Theory]
    [InlineData("200 OK", 0)]
    [InlineData("503 Service Unavailable", 1)]
    public async Task Healthcheck_passes_only_when_the_host_answers_200(string status, int expectedExitCode)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requestLine = AnswerOnceAsync(listener, status);
        var stateFolder = Directory.CreateTempSubdirectory("waapp-entrypoint-").FullName;
        try
        {
            var result = await CommandLine.RunAsync("bash", [Entrypoint, "healthcheck"], new Dictionary<string, string?>
            {
                ["WAAPP_ROLE"] = "silo",
                ["WAAPP_HTTP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["TMPDIR"] = stateFolder,
            });

            Assert.Equal(expectedExitCode, result.ExitCode);
            Assert.Equal("GET /health/live HTTP/1.0", await requestLine);
        }
        finally
        {
            Directory.Delete(stateFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Silo_advertises_the_task_ip_from_the_ecs_metadata_endpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // Shaped like ECS task metadata v4 for a container (awsvpc network mode), pretty-printed.
        const string metadata = """
            {
                "DockerId": "ea32192c8553fbff06c9340478a2ff089b2bb5646fb718b4ee206641c9086d66",
                "Name": "silo",
                "Networks": [
                    {
                        "NetworkMode": "awsvpc",
                        "IPv4Addresses": [
                            "10.0.2.106"
                        ],
                        "IPv4SubnetCIDRBlock": "10.0.2.0/24"
                    }
                ]
            }
            """;
        var requestLine = AnswerOnceAsync(listener, "200 OK", metadata);

        var result = await CommandLine.RunAsync("bash", [Entrypoint, "advertised-ip"], new Dictionary<string, string?>
        {
            ["ECS_CONTAINER_METADATA_URI_V4"] = $"http://127.0.0.1:{port}/v4/ea32192c8553",
            ["Orleans__AdvertisedIP"] = null,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("10.0.2.106", result.Output.Trim());
        Assert.Equal("GET /v4/ea32192c8553 HTTP/1.0", await requestLine);
    }

    [Fact]
    public async Task A_configured_advertised_ip_wins_over_the_metadata_endpoint()
    {
        var result = await CommandLine.RunAsync("bash", [Entrypoint, "advertised-ip"], new Dictionary<string, string?>
        {
            ["ECS_CONTAINER_METADATA_URI_V4"] = "http://127.0.0.1:9/unused",
            ["Orleans__AdvertisedIP"] = "192.0.2.10",
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("192.0.2.10", result.Output.Trim());
    }

    [Fact]
    public async Task An_unknown_role_is_refused_with_a_clear_message()
    {
        var result = await CommandLine.RunAsync("bash", [Entrypoint, "worker"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown role 'worker'", result.Output, StringComparison.Ordinal);
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string status, string body = "{\"status\":\"checked\"}")
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? string.Empty;
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
        }

        var response = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return requestLine;
    }
}
