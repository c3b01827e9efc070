using System.Diagnostics;
using System.Globalization;

namespace WaApp.TestInfrastructure;

/// <summary>
/// Starts one of the local AWS stand-ins of <c>tools/dynamodb-local</c> (dynalite, DynamoDB Local, s3rver): a node
/// script that listens on a port and writes its URL to a ready file once it answers. One launcher, so every stand-in
/// starts, waits and fails the same way.
/// </summary>
internal static class NodeServerProcess
{
    /// <summary>Runs <paramref name="script"/> and waits until it is ready; answers the process and its URL.</summary>
    /// <param name="name">How errors name the server.</param>
    /// <param name="dataPath">The folder it keeps its data in, or null for memory.</param>
    public static async Task<(Process Process, string ServiceUrl)> StartAsync(string name, string script, int port, string? dataPath, TimeSpan startTimeout)
    {
        var readyFile = Path.Combine(Path.GetTempPath(), $"waapp-{name}-{Guid.NewGuid():N}.url");
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("--ready-file");
        startInfo.ArgumentList.Add(readyFile);
        if (dataPath is not null)
        {
            startInfo.ArgumentList.Add("--path");
            startInfo.ArgumentList.Add(dataPath);
        }

        // The server exits when our stdin closes, so a crashed test run leaves no orphan behind.
        startInfo.Environment["DYNALITE_EXIT_WITH_STDIN"] = "1";
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.Add(startTimeout);
        while (!File.Exists(readyFile) || new FileInfo(readyFile).Length == 0)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before it was ready.");
            }

            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{name} did not become ready within {startTimeout.TotalSeconds} s.");
            }

            await Task.Delay(25);
        }

        var serviceUrl = (await File.ReadAllTextAsync(readyFile)).Trim();
        File.Delete(readyFile);
        return (process, serviceUrl);
    }
}
