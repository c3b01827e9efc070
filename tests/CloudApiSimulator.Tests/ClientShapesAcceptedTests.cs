using WaApp.WhatsApp.Graph;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>Every kind of message WaApp's client can build passes the simulator's Meta-like checks.</summary>
public sealed class ClientShapesAcceptedTests
{
    private const string To = "+" + SimulatorHarness.Ana;
    private const string Target = "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTAwNTJBMzhCOEREMjc3QkRFRgA=";

    private static readonly Dictionary<string, Func<SendMessageRequest>> Shapes = new()
    {
        ["text"] = () => SendMessageRequest.ForText(To, "https://example.com", previewUrl: true).InReplyTo(Target).WithCallbackData("send:1"),
        ["template"] = () => SendMessageRequest.ForTemplate(To, new TemplatePayload(
            "order_shipped",
            "en_US",
            TemplateComponent.Header(TemplateParameter.FromImage(MediaPayload.FromId("1602934785103948"))),
            TemplateComponent.Body(TemplateParameter.FromText("Ana", "first_name"), TemplateParameter.FromCurrency("$10.99", "USD", 10_990, "total"), TemplateParameter.FromDateTime("Nov 25", "day")),
            TemplateComponent.Button("quick_reply", 0, TemplateParameter.FromPayload("STOP")))),
        ["image"] = () => SendMessageRequest.ForImage(To, MediaPayload.FromLink(new Uri("https://example.com/a.jpg"), caption: "A")),
        ["audio"] = () => SendMessageRequest.ForAudio(To, MediaPayload.FromId("1837465920183746")),
        ["video"] = () => SendMessageRequest.ForVideo(To, MediaPayload.FromId("1837465920183747", caption: "V")),
        ["document"] = () => SendMessageRequest.ForDocument(To, MediaPayload.FromId("1928374650192837", caption: "Invoice", filename: "invoice.pdf")),
        ["sticker"] = () => SendMessageRequest.ForSticker(To, MediaPayload.FromId("1029384756102938")),
        ["buttons"] = () => SendMessageRequest.ForInteractive(To, InteractivePayload.ReplyButtons(
            "Pick one",
            [new ReplyButton("a", "Yes"), new ReplyButton("b", "No"), new ReplyButton("c", "Later")],
            InteractiveHeader.FromDocument(MediaPayload.FromId("1")),
            "Footer")),
        ["list"] = () => SendMessageRequest.ForInteractive(To, InteractivePayload.List(
            "Pick a slot",
            "Slots",
            [new ListSection("Today", [new ListRow("1", "Morning", "8–12")]), new ListSection("Tomorrow", [new ListRow("2", "Evening")])],
            "Delivery")),
        ["location"] = () => SendMessageRequest.ForLocation(To, new LocationPayload(-33.8688, 151.2093)),
        ["contacts"] = () => SendMessageRequest.ForContacts(To, [new ContactCardPayload(new ContactName("Support Desk")) { Phones = [new ContactPhone("+15557340912")] }]),
        ["reaction"] = () => SendMessageRequest.ForReaction(To, Target, "❤️"),
    };

    public static TheoryData<string> ShapeNames => [.. Shapes.Keys];

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public async Task Client_request_is_accepted(string shape)
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.InjectInboundAsync("Hi");

        var result = await harness.Graph.SendMessageAsync(SimulatorHarness.PhoneNumberId, Shapes[shape]());

        Assert.True(result is SendResult.Accepted, $"{shape}: {result}");
    }
}
