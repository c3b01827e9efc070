using WaApp.WhatsApp.Graph;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>Every kind of message WaApp's client can build passes the simulator's Meta-like checks.</summary>
public sealed class ClientShapesAcceptedTests
{
    private const string To = "+" + SimulatorHarness.Ana;
    private const string Target = "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTAwNTJBMzhCOEREMjc3QkRFRgA=";

    // Media by id name a file uploaded first: Meta refuses an id it does not hold.
    private static readonly Dictionary<string, Func<string, SendMessageRequest>> Shapes = new()
    {
        ["text"] = _ => SendMessageRequest.ForText(To, "https://example.com", previewUrl: true).InReplyTo(Target).WithCallbackData("send:1"),
        ["template"] = _ => SendMessageRequest.ForTemplate(To, new TemplatePayload(
            "order_shipped",
            "en_US",
            TemplateComponent.Header(TemplateParameter.FromImage(MediaPayload.FromId("1602934785103948"))),
            TemplateComponent.Body(TemplateParameter.FromText("Ana", "first_name"), TemplateParameter.FromCurrency("$10.99", "USD", 10_990, "total"), TemplateParameter.FromDateTime("Nov 25", "day")),
            TemplateComponent.Button("quick_reply", 0, TemplateParameter.FromPayload("STOP")))),
        ["image"] = _ => SendMessageRequest.ForImage(To, MediaPayload.FromLink(new Uri("https://example.com/a.jpg"), caption: "A")),
        ["audio"] = mediaId => SendMessageRequest.ForAudio(To, MediaPayload.FromId(mediaId)),
        ["video"] = mediaId => SendMessageRequest.ForVideo(To, MediaPayload.FromId(mediaId, caption: "V")),
        ["document"] = mediaId => SendMessageRequest.ForDocument(To, MediaPayload.FromId(mediaId, caption: "Invoice", filename: "invoice.pdf")),
        ["sticker"] = mediaId => SendMessageRequest.ForSticker(To, MediaPayload.FromId(mediaId)),
        ["buttons"] = _ => SendMessageRequest.ForInteractive(To, InteractivePayload.ReplyButtons(
            "Pick one",
            [new ReplyButton("a", "Yes"), new ReplyButton("b", "No"), new ReplyButton("c", "Later")],
            InteractiveHeader.FromDocument(MediaPayload.FromId("1")),
            "Footer")),
        ["list"] = _ => SendMessageRequest.ForInteractive(To, InteractivePayload.List(
            "Pick a slot",
            "Slots",
            [new ListSection("Today", [new ListRow("1", "Morning", "8–12")]), new ListSection("Tomorrow", [new ListRow("2", "Evening")])],
            "Delivery")),
        ["location"] = _ => SendMessageRequest.ForLocation(To, new LocationPayload(-33.8688, 151.2093)),
        ["contacts"] = _ => SendMessageRequest.ForContacts(To, [new ContactCardPayload(new ContactName("Support Desk")) { Phones = [new ContactPhone("+15557340912")] }]),
        ["reaction"] = _ => SendMessageRequest.ForReaction(To, Target, "❤️"),
    };

    public static TheoryData<string> ShapeNames => [.. Shapes.Keys];

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public async Task Client_request_is_accepted(string shape)
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.InjectInboundAsync("Hi");
        var mediaId = await UploadAsync(harness);

        var result = await harness.Graph.SendMessageAsync(SimulatorHarness.PhoneNumberId, Shapes[shape](mediaId));

        Assert.True(result is SendResult.Accepted, $"{shape}: {result}");
    }

    private static async Task<string> UploadAsync(SimulatorHarness harness)
    {
        using var http = new HttpClient { BaseAddress = harness.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "dev-token");
        var file = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "a.png" }, { new StringContent("image/png"), "type" }, { new StringContent("whatsapp"), "messaging_product" } };
        using var response = await http.PostAsync($"/v24.0/{SimulatorHarness.PhoneNumberId}/media", form);
        response.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }
}
