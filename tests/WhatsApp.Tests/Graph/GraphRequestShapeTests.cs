using System.Net;
using System.Text.Json.Nodes;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

/// <summary>Every request shape the client sends, compared with the JSON Meta documents (Graph/Expected/*.json).</summary>
public sealed class GraphRequestShapeTests
{
    private const string Ana = "+14155550123";
    private const string InboundWamid = "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTAwNTJBMzhCOEREMjc3QkRFRgA=";
    private const string Accepted = """{"messaging_product":"whatsapp","contacts":[{"input":"+14155550123","wa_id":"14155550123"}],"messages":[{"id":"wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI3"}]}""";

    private static readonly Dictionary<string, Func<SendMessageRequest>> Requests = new()
    {
        ["text"] = () => SendMessageRequest.ForText(Ana, "Your order #4417 has shipped: https://example.com/t/4417", previewUrl: true),
        ["text-reply-with-callback"] = () => SendMessageRequest.ForText("14155550123", "Olá Ana! Sí, ya salió 🚚")
            .InReplyTo(InboundWamid)
            .WithCallbackData("send:01JD5Q8W3K"),
        ["template-positional"] = () => SendMessageRequest.ForTemplate(Ana, new TemplatePayload(
            "order_shipped",
            "en_US",
            TemplateComponent.Header(TemplateParameter.FromImage(MediaPayload.FromId("1602934785103948"))),
            TemplateComponent.Body(TemplateParameter.FromText("Ana"), TemplateParameter.FromText("#4417")),
            TemplateComponent.Button("quick_reply", 0, TemplateParameter.FromPayload("STOP_PROMOTIONS")),
            TemplateComponent.Button("url", 1, TemplateParameter.FromText("4417")))),
        ["template-named"] = () => SendMessageRequest.ForTemplate("+5511987654321", new TemplatePayload(
            "invoice_ready",
            "pt_BR",
            TemplateComponent.Header(TemplateParameter.FromDocument(MediaPayload.FromLink(new Uri("https://example.com/invoices/4417.pdf"), filename: "invoice-4417.pdf"))),
            TemplateComponent.Body(
                TemplateParameter.FromText("João", "first_name"),
                TemplateParameter.FromCurrency("R$ 109,90", "BRL", 109_900, "total"),
                TemplateParameter.FromDateTime("1 de dezembro de 2026", "due_date")))),
        ["template-video-header"] = () => SendMessageRequest.ForTemplate(Ana, new TemplatePayload(
            "spring_sale",
            "en",
            TemplateComponent.Header(TemplateParameter.FromVideo(MediaPayload.FromLink(new Uri("https://example.com/sale.mp4")))))),
        // A user behind a username is addressed by their business-scoped user id in recipient, never in to.
        ["text-recipient-bsuid"] = () => SendMessageRequest.ForText("US.13491208655302741918", "Hi Ana, your order has shipped."),
        ["template-no-parameters"] = () => SendMessageRequest.ForTemplate(Ana, new TemplatePayload("hello_world", "en_US")),
        ["image-id"] = () => SendMessageRequest.ForImage(Ana, MediaPayload.FromId("1602934785103948", caption: "Your parcel at the depot")),
        ["image-link"] = () => SendMessageRequest.ForImage(Ana, MediaPayload.FromLink(new Uri("https://example.com/parcel.jpg?v=2"))),
        ["audio-id"] = () => SendMessageRequest.ForAudio(Ana, MediaPayload.FromId("1837465920183746")),
        ["video-link"] = () => SendMessageRequest.ForVideo(Ana, MediaPayload.FromLink(new Uri("https://example.com/how-to-return.mp4"), caption: "How to return an item")),
        ["document-id"] = () => SendMessageRequest.ForDocument(Ana, MediaPayload.FromId("1928374650192837", caption: "Invoice #4417", filename: "invoice-4417.pdf")),
        ["sticker-id"] = () => SendMessageRequest.ForSticker(Ana, MediaPayload.FromId("1029384756102938")),
        ["interactive-buttons"] = () => SendMessageRequest.ForInteractive(Ana, InteractivePayload.ReplyButtons(
            "Would you like us to leave it with a neighbour?",
            [new ReplyButton("leave-neighbour", "Yes, please"), new ReplyButton("redeliver", "Redeliver")],
            InteractiveHeader.FromText("Order #4417"),
            footer: "Reply within 24 hours")),
        ["interactive-buttons-image-header"] = () => SendMessageRequest.ForInteractive(Ana, InteractivePayload.ReplyButtons(
            "Is this your parcel?",
            [new ReplyButton("yes", "Yes")],
            InteractiveHeader.FromImage(MediaPayload.FromId("1602934785103948")))),
        ["interactive-list"] = () => SendMessageRequest.ForInteractive(Ana, InteractivePayload.List(
            "Pick a time for your redelivery.",
            "Choose a slot",
            [new ListSection("Tomorrow", [new ListRow("slot-am", "Morning", "08:00–12:00"), new ListRow("slot-pm", "Afternoon")])],
            headerText: "Delivery slots",
            footer: "Times are local")),
        ["location"] = () => SendMessageRequest.ForLocation(Ana, new LocationPayload(37.7749, -122.4194, "Pickup point", "1 Market St, San Francisco")),
        ["contacts"] = () => SendMessageRequest.ForContacts(Ana,
        [
            new ContactCardPayload(new ContactName("Support Desk", "Support", "Desk"))
            {
                Phones = [new ContactPhone("+15557340912", "WORK", "15557340912")],
                Emails = [new ContactEmail("support@example.com", "WORK")],
                Addresses = [new ContactAddress { Street = "1 Market St", City = "San Francisco", State = "CA", Zip = "94105", Country = "United States", CountryCode = "US", Type = "WORK" }],
                Urls = [new ContactUrl("https://example.com/help", "WORK")],
                Org = new ContactOrganization("Example Shop", "Support"),
                Birthday = "2015-06-01",
            },
        ]),
        ["reaction"] = () => SendMessageRequest.ForReaction(Ana, InboundWamid, "👍"),
        ["reaction-removed"] = () => SendMessageRequest.ForReaction(Ana, InboundWamid, string.Empty),
    };

    public static TheoryData<string> SendShapes => [.. Requests.Keys];

    [Theory]
    [MemberData(nameof(SendShapes))]
    public async Task Send_request_matches_the_documented_shape(string shape)
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(HttpStatusCode.OK, Accepted));

        var result = await harness.Client.SendMessageAsync(GraphClientHarness.PhoneNumberId, Requests[shape]());

        Assert.IsType<SendResult.Accepted>(result);
        var request = Assert.Single(harness.Handler.Requests);
        AssertSameJson(Expected(shape), request.Body);
    }

    [Theory]
    [InlineData(false, "mark-as-read")]
    [InlineData(true, "typing-indicator")]
    public async Task Read_receipt_matches_the_documented_shape(bool typing, string shape)
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(HttpStatusCode.OK, """{"success":true}"""));

        var result = await harness.Client.MarkAsReadAsync(GraphClientHarness.PhoneNumberId, new MarkAsReadRequest(InboundWamid, typing));

        Assert.IsType<ReadReceiptResult.Succeeded>(result);
        AssertSameJson(Expected(shape), Assert.Single(harness.Handler.Requests).Body);
    }

    [Fact]
    public async Task Send_posts_to_the_messages_edge_of_the_number_with_the_bearer_token()
    {
        using var harness = new GraphClientHarness(FakeGraphHandler.Answering(HttpStatusCode.OK, Accepted));

        await harness.SendTextAsync();

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://graph.example.test/v24.0/117283940561728/messages"), request.Uri);
        Assert.Equal("Bearer " + GraphClientHarness.AccessToken, request.Authorization);
    }

    private static string Expected(string shape) =>
        File.ReadAllText(RepositoryPaths.InRepository("tests", "WhatsApp.Tests", "Graph", "Expected", shape + ".json"));

    private static void AssertSameJson(string expected, string actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(expectedNode, actualNode), $"Expected{Environment.NewLine}{expectedNode}{Environment.NewLine}but the client sent{Environment.NewLine}{actualNode}");
    }
}
