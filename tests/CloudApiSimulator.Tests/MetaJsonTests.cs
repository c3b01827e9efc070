using System.Text;
using System.Text.Json.Nodes;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>Webhook bytes are escaped like Meta's, and still mean exactly what was written.</summary>
public sealed class MetaJsonTests
{
    [Theory]
    [InlineData("äöå", "\\u00e4\\u00f6\\u00e5")]
    [InlineData("😀", "\\ud83d\\ude00")]
    [InlineData("a/b", "a\\/b")]
    [InlineData("quote \" and backslash \\", "quote \\\" and backslash \\\\")]
    [InlineData("literal \\u00E9 typed by a user", "literal \\\\u00E9 typed by a user")]
    public void Text_is_escaped_like_Meta_and_round_trips(string text, string expectedEscaped)
    {
        var bytes = MetaJson.Serialize(new JsonObject { ["body"] = text });

        var raw = Encoding.ASCII.GetString(bytes);
        Assert.Equal("{\"body\":\"" + expectedEscaped + "\"}", raw);
        Assert.Equal(text, (string?)JsonNode.Parse(bytes)!["body"]);
    }
}
