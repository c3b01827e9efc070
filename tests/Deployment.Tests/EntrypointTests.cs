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
    public async Task An_unknown_role_is_refused_with_a_clear_message()
    {
        var result = await CommandLine.RunAsync("bash", [Entrypoint, "worker"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown role 'worker'", result.Output, StringComparison.Ordinal);
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? string.Empty;
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
        }

        var body = "{\"status\":\"checked\"}";
        var response = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return requestLine;
    }
}
