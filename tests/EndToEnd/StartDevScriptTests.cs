using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// scripts/start_dev.sh as a developer runs it, on free ports: once the gateway is ready every process it started
/// is listening (a write through the simulator succeeds at once), and SIGTERM stops all of them within 10 s.
/// </summary>
public sealed class StartDevScriptTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ready_means_the_simulator_can_deliver_and_sigterm_stops_everything_within_10_seconds()
    {
        var gatewayPort = FreePort.Next();
        var simulatorPort = FreePort.Next();
        var dataDir = Directory.CreateTempSubdirectory("waapp-start-dev-");
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.RepositoryRoot,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.InRepository("scripts", "start_dev.sh"));
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["NO_BUILD"] = "1",
            ["CONFIGURATION"] = HostProcess.BuildConfiguration,
            ["DATA_DIR"] = dataDir.FullName,
            ["DYNAMODB_PORT"] = Port(FreePort.Next()),
            ["SIMULATOR_PORT"] = Port(simulatorPort),
            ["SILO_HTTP_PORT"] = Port(FreePort.Next()),
            ["GATEWAY_PORT"] = Port(gatewayPort),
            ["Orleans__SiloPort"] = Port(FreePort.Next()),
            ["Orleans__GatewayPort"] = Port(FreePort.Next()),
            ["DOTNET_gcServer"] = "0",
        })
        {
            startInfo.Environment[name] = value;
        }

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var script = Process.Start(startInfo)!;
        script.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        script.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        string Printed() => string.Join(Environment.NewLine, output.TakeLast(80));
        var started = new List<int>();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await PollAsync(async () =>
            {
                Assert.False(script.HasExited, $"start_dev.sh exited with {(script.HasExited ? script.ExitCode : 0)}:{Environment.NewLine}{Printed()}");
                try
                {
                    using var ready = await http.GetAsync($"http://127.0.0.1:{gatewayPort}/health/ready");
                    return ready.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, StartTimeout, () => $"the gateway's /health/ready:{Environment.NewLine}{Printed()}");

            // At once, no retry: readiness must already cover the simulator and the way back to the gateway.
            using var inbound = await http.PostAsJsonAsync($"http://127.0.0.1:{simulatorPort}/simulator/inbound",
                new { phoneNumberId = "117283940561728", from = "447700900123", name = "Ana", text = "Hello" });
            Assert.True(inbound.IsSuccessStatusCode, $"{inbound.StatusCode}:{Environment.NewLine}{Printed()}");
            var webhookStatus = (await inbound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhookStatus");
            Assert.True(webhookStatus.ValueKind == JsonValueKind.Number && webhookStatus.GetInt32() == 200, $"The gateway answered the simulator's webhook with {webhookStatus}.{Environment.NewLine}{Printed()}");

            started = Descendants(script.Id);
            // With SILOS=1 the default is the co-hosted server (gateway inside the silo).
            Assert.True(started.Count >= 3, $"start_dev.sh runs dynalite, the simulator and a co-hosted server; found processes {string.Join(", ", started)}.");
            using (var term = Process.Start("kill", ["-TERM", Port(script.Id)]))
            {
                await term.WaitForExitAsync();
            }

            var clock = Stopwatch.StartNew();
            await PollAsync(
                () => Task.FromResult(script.HasExited && started.All(HasExited)),
                StopBound,
                () => $"start_dev.sh and {string.Join(", ", started.Where(pid => !HasExited(pid)))} to stop:{Environment.NewLine}{Printed()}");
            Assert.True(clock.Elapsed < StopBound, $"Stopping took {clock.Elapsed}.");
        }
        finally
        {
            foreach (var pid in started.Append(script.Id).Where(pid => !HasExited(pid)))
            {
                using var left = Process.GetProcessById(pid);
                left.Kill(entireProcessTree: true);
            }

            dataDir.Delete(recursive: true);
        }
    }

    private static string Port(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every process below <paramref name="pid"/>, from Linux's /proc children lists.</summary>
    private static List<int> Descendants(int pid)
    {
        var found = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var parent))
        {
            var children = Path.Combine("/proc", Port(parent), "task", Port(parent), "children");
            if (!File.Exists(children))
            {
                continue;
            }

            foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            {
                found.Add(child);
                pending.Push(child);
            }
        }

        return found;
    }

    /// <summary>Gone, or a zombie nobody has reaped yet (it no longer runs).</summary>
    private static bool HasExited(int pid)
    {
        var status = Path.Combine("/proc", Port(pid), "stat");
        try
        {
            var stat = File.ReadAllText(status);
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return true;
        }
    }

    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"Timed out after {timeout} waiting for {what()}");
            await Task.Delay(100);
        }
    }
}
