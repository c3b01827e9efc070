using System.Text.Json.Nodes;

namespace WaApp.TestInfrastructure;

/// <summary>
/// The sends of tests/Fixtures/outbound, written from Meta's docs: <c>meta</c> is the body Meta documents,
/// <c>request</c> (optional) what is sent to WaApp when it is not Meta's body itself. <c>{to}</c> and <c>{wamid}</c>
/// stand for the customer's number and the wamid of the customer's message.
/// </summary>
public static class OutboundFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "outbound");

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order();

    /// <summary>Meta's documented body, with the placeholders filled in.</summary>
    public static JsonObject Meta(string name, string to = "+16505551234", string wamid = "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZFRDBCMjY5NTYwQUREMUVGNgA=") =>
        Read(name, to, wamid)["meta"]!.AsObject();

    /// <summary>The body for WaApp's send endpoint: <c>request</c> if the fixture has one, else Meta's body unchanged.</summary>
    public static JsonObject Request(string name, string to = "+16505551234", string wamid = "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZFRDBCMjY5NTYwQUREMUVGNgA=")
    {
        var fixture = Read(name, to, wamid);
        return (fixture["request"] ?? fixture["meta"])!.AsObject();
    }

    /// <summary>True when the fixture names the customer's message (a reaction or a reply).</summary>
    public static bool NeedsCustomerMessage(string name) => File.ReadAllText(Path.Combine(Directory, name)).Contains("{wamid}", StringComparison.Ordinal);

    private static JsonObject Read(string name, string to, string wamid)
    {
        var text = File.ReadAllText(Path.Combine(Directory, name)).Replace("{to}", to, StringComparison.Ordinal).Replace("{wamid}", wamid, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }
}
