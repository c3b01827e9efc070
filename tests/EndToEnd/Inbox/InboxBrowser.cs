using Microsoft.Playwright;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd.Inbox;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: <c>scripts/run_tests.sh</c> installs the
/// <c>chromium</c> package). <c>WAAPP_CHROMIUM</c> points at another binary.
/// </summary>
public sealed class InboxBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("WAAPP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c>, kept by CI with the other test results.</summary>
    public static string ScreenshotPath(string name)
    {
        var directory = RepositoryPaths.InRepository("TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"Chromium is not installed at {ExecutablePath}; scripts/run_tests.sh installs Debian's chromium package.");
        // Most expectations wait for the real gateway, silo and simulator (a send, a webhook, a frame on /ws); Playwright's
        // 5 s default is too short on a loaded 2-core box running several clusters. Still a condition poll, just bounded later.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
