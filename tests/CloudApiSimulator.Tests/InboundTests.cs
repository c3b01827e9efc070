using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary><c>POST /simulator/inbound</c>: a signed messages webhook reaches the gateway, byte-shaped like Meta's.</summary>
public sealed class InboundTests
{
    [Fact]
    public async Task Injected_message_reaches_the_gateway_signed_and_escaped_like_Meta()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        const string Text = "Olá! Está a caminho? 🚚 https://example.com/a";

        var answer = await harness.InjectInboundAsync(Text);

        Assert.Equal(200, (int?)answer["webhookStatus"]);
        var webhook = Assert.Single(harness.Receiver.Received);
        Assert.True(webhook.SignatureValid);
        var raw = Encoding.ASCII.GetString(webhook.Body);
        Assert.Contains("Ol\\u00e1", raw, StringComparison.Ordinal);
        Assert.Contains("\\ud83d\\ude9a", raw, StringComparison.Ordinal);
        Assert.Contains("https:\\/\\/example.com", raw, StringComparison.Ordinal);
        Assert.All(webhook.Body, b => Assert.True(b < 0x80));

        var message = webhook.Value["messages"]![0]!;
        Assert.Equal((string?)answer["messageId"], (string?)message["id"]);
        Assert.Equal(SimulatorHarness.Ana, (string?)message["from"]);
        Assert.Equal("text", (string?)message["type"]);
        Assert.Equal(Text, (string?)message["text"]!["body"]);
        Assert.Equal("Ana Ruiz", (string?)webhook.Value["contacts"]![0]!["profile"]!["name"]);
        Assert.Equal(SimulatorHarness.PhoneNumberId, (string?)webhook.Value["metadata"]!["phone_number_id"]);
        Assert.True(long.TryParse((string?)message["timestamp"], out _), "timestamp is Unix seconds as a string");
    }

    [Fact]
    public async Task Gateway_refusal_is_reported_to_the_caller()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Receiver.FailNext(1);

        var answer = await harness.InjectInboundAsync("Hi");

        Assert.Equal(500, (int?)answer["webhookStatus"]);
    }

    [Theory]
    [InlineData(null, "14155550123", "Hi")]
    [InlineData("117283940561728", "abc", "Hi")]
    [InlineData("117283940561728", "14155550123", "")]
    public async Task Incomplete_injection_is_refused_and_opens_no_window(string? phoneNumberId, string from, string text)
    {
        await using var harness = await SimulatorHarness.StartAsync();

        using var response = await harness.Http.PostAsJsonAsync("/simulator/inbound", new { phoneNumberId, from, text });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]);
        Assert.Empty(harness.Receiver.Received);
        Assert.Equal(131047, Assert.IsType<WaApp.WhatsApp.Graph.SendResult.Failed>(await harness.SendTextAsync()).Code);
    }
}
