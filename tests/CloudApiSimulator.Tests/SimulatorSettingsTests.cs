namespace WaApp.CloudApiSimulator.Tests;

/// <summary>Settings the simulator cannot honour stop it at start-up with the setting's name.</summary>
public sealed class SimulatorSettingsTests
{
    [Theory]
    [InlineData("--Simulator:WebhookUrl=http://127.0.0.1:1/webhook", "Simulator:AppSecret")]
    [InlineData("--Simulator:RateLimitPerSecond=-1", "Simulator:RateLimitPerSecond")]
    [InlineData("--Simulator:WebhookUrl=ftp://example.com/hook", "Simulator:WebhookUrl")]
    public async Task Invalid_setting_stops_start_up(string setting, string named)
    {
        await using var app = SimulatorApp.Build(["--Simulator:ListenUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=None", setting]);

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
