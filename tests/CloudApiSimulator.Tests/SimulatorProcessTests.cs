using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>The simulator as operators and scripts run it: its own process, configured by <c>Simulator__*</c> variables.</summary>
[Trait(TestCategory.Name, TestCategory.Serial)]
public sealed class SimulatorProcessTests
{
    [Fact]
    public async Task Process_configured_by_environment_accepts_a_send_and_delivers_statuses()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = FreePort.Next();
        await using var process = HostProcess.Start("simulator", Path.Combine("tools", "CloudApiSimulator"), "WaApp.CloudApiSimulator", new Dictionary<string, string?>
        {
            ["Simulator__ListenUrl"] = $"http://127.0.0.1:{port}",
            ["Simulator__WebhookUrl"] = receiver.Url.ToString(),
            ["Simulator__AppSecret"] = WebhookFixtures.AppSecret,
            ["Simulator__EnforceWindow"] = "false",
            ["Simulator__SentDelay"] = "00:00:00.010",
            ["Simulator__DeliveredDelay"] = "00:00:00.010",
            ["Simulator__ReadDelay"] = "00:00:00.010",
        });
        var baseUrl = $"http://127.0.0.1:{port}";
        await process.WaitUntilHealthyAsync(baseUrl + "/health/live", TimeSpan.FromSeconds(30));

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "dev-token");
        using var response = await http.PostAsJsonAsync("/v24.0/117283940561728/messages", new
        {
            messaging_product = "whatsapp",
            to = "+14155550123",
            type = "text",
            text = new { body = "Hello from a process" },
        });

        response.EnsureSuccessStatusCode();
        var messageId = (string)(await response.Content.ReadFromJsonAsync<JsonNode>())!["messages"]![0]!["id"]!;
        await SimulatorHarness.EventuallyAsync(() => receiver.StatusesFor(messageId).Count == 3, "statuses from the simulator process");
        Assert.All(receiver.Received, webhook => Assert.True(webhook.SignatureValid));
    }
}
