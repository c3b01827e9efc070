using System.Collections.Concurrent;
using System.Diagnostics;

namespace WaApp.TestInfrastructure;

/// <summary>
/// One of our hosts (Silo, WebGateway, CloudApiSimulator) run as a real process from its build output,
/// the way operators run it. Output is kept for diagnostics; Kill is a SIGKILL.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The lines the process printed (the last 2,000).</summary>
    public IReadOnlyList<string> Lines => [.. _output];

    /// <summary>The last lines the process printed (for assertion messages).</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(200));

    /// <summary>
    /// The configuration the hosts were built with: the tests' own (scripts/run_tests.sh builds both alike). The test
    /// runs from tests/{project}/bin/{configuration}/net10.0/, so it is the parent folder's name.
    /// </summary>
    public static string BuildConfiguration =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";

    /// <summary>
    /// Starts <c>dotnet {project}/bin/{configuration}/net10.0/{assembly}.dll</c> built next to the test assembly.
    /// </summary>
    public static HostProcess Start(string name, string projectFolder, string assemblyName, IReadOnlyDictionary<string, string?> environment)
    {
        var dll = FindAssembly(projectFolder, assemblyName);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{name} could not be started.");
        return new HostProcess(name, process);
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200 or the timeout passes.</summary>
    public async Task WaitUntilHealthyAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not healthy at {url} within {timeout}:{Environment.NewLine}{RecentOutput}");
    }

    /// <summary>SIGKILL: no shutdown hooks run, exactly like a crashed container.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM and wait for a graceful exit (falls back to a kill).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string FindAssembly(string projectFolder, string assemblyName)
    {
        var dll = RepositoryPaths.InRepository(projectFolder, "bin", BuildConfiguration, "net10.0", assemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build {projectFolder} first (dotnet build WaApp.sln): {dll} is missing.");
        }

        return dll;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }
}
