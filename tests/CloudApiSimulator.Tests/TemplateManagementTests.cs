using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>Meta's template management (list with paging, create, delete), the review lifecycle and template sends.</summary>
public sealed class TemplateManagementTests
{
    private const string Waba = "104857362918475";

    [Fact]
    public async Task A_new_template_is_pending_then_approved_with_a_status_webhook()
    {
        await using var harness = await StartAsync();

        var created = await CreateAsync(harness, OrderUpdate("order_update"));

        Assert.Equal("PENDING", (string?)created["status"]);
        Assert.Equal("UTILITY", (string?)created["category"]);
        var update = await TemplateWebhookAsync(harness, "message_template_status_update", "order_update");
        Assert.Equal("APPROVED", (string?)update["event"]);
        Assert.Equal(long.Parse((string)created["id"]!, System.Globalization.CultureInfo.InvariantCulture), (long)update["message_template_id"]!);
        Assert.Equal("en_US", (string?)update["message_template_language"]);
        var listed = Assert.Single((await ListAsync(harness, null))["data"]!.AsArray());
        Assert.Equal("APPROVED", (string?)listed!["status"]);
        Assert.Equal("Your order {{1}} ships on {{2}}.", (string?)listed["components"]![0]!["text"]);
    }

    [Fact]
    public async Task A_redelivered_template_webhook_is_the_same_bytes_signed_the_same()
    {
        await using var harness = await StartAsync();
        var created = await CreateAsync(harness, OrderUpdate("order_again"));
        await TemplateWebhookAsync(harness, "message_template_status_update", "order_again", "APPROVED");
        var first = Assert.Single(harness.Receiver.Received);

        using var redelivered = await harness.Http.PostAsJsonAsync("/simulator/webhooks/redeliver", new { subjectId = (string)created["id"]! });
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(200, (int)(await redelivered.Content.ReadFromJsonAsync<JsonNode>())!["webhookStatus"]!);
        var webhooks = harness.Receiver.Received.ToList();
        Assert.Equal(2, webhooks.Count);
        Assert.Equal(first.Body, webhooks[1].Body);
        Assert.True(webhooks[1].SignatureValid);

        using var unknown = await harness.Http.PostAsJsonAsync("/simulator/webhooks/redeliver", new { subjectId = "999" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_body_that_starts_with_a_variable_is_rejected_with_invalid_format()
    {
        await using var harness = await StartAsync();
        var template = OrderUpdate("bad_start");
        template["components"]![0]!["text"] = "{{1}} is your code";

        await CreateAsync(harness, template);

        var update = await TemplateWebhookAsync(harness, "message_template_status_update", "bad_start");
        Assert.Equal("REJECTED", (string?)update["event"]);
        Assert.Equal("INVALID_FORMAT", (string?)update["reason"]);
    }

    [Fact]
    public async Task Creation_checks_the_body_like_Meta()
    {
        await using var harness = await StartAsync();
        var uppercase = OrderUpdate("Order_Update");
        var duplicate = OrderUpdate("order_update");
        await CreateAsync(harness, duplicate);

        using var badName = await PostAsync(harness, uppercase);
        using var again = await PostAsync(harness, OrderUpdate("order_update"));

        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("name", (string?)(await badName.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["error_data"]!["details"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already exists", (string?)(await again.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["error_data"]!["details"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_pages_with_cursors_until_no_next()
    {
        await using var harness = await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(harness, OrderUpdate($"order_update_{i}"));
        }

        var names = new List<string>();
        var page = await ListAsync(harness, "?limit=2");
        var pages = 1;
        while (true)
        {
            names.AddRange(page["data"]!.AsArray().Select(template => (string)template!["name"]!));
            if (page["paging"]?["next"] is not { } next)
            {
                break;
            }

            Assert.NotNull(page["paging"]!["cursors"]!["after"]);
            page = await ListAsync(harness, new Uri((string)next!).PathAndQuery[$"/v24.0/{Waba}/message_templates".Length..]);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"order_update_{i}"), names);
    }

    [Fact]
    public async Task Delete_by_name_removes_every_language()
    {
        await using var harness = await StartAsync();
        await CreateAsync(harness, OrderUpdate("order_update"));
        var spanish = OrderUpdate("order_update");
        spanish["language"] = "es";
        await CreateAsync(harness, spanish);

        using var deleted = await SendAsync(harness, HttpMethod.Delete, $"/v24.0/{Waba}/message_templates?name=order_update");
        using var missing = await SendAsync(harness, HttpMethod.Delete, $"/v24.0/{Waba}/message_templates?name=order_update");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True((bool)(await deleted.Content.ReadFromJsonAsync<JsonNode>())!["success"]!);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Empty((await ListAsync(harness, null))["data"]!.AsArray());
    }

    [Fact]
    public async Task Template_sends_are_checked_against_the_approved_template()
    {
        await using var harness = await StartAsync();
        await CreateAsync(harness, OrderUpdate("order_update"));
        await TemplateWebhookAsync(harness, "message_template_status_update", "order_update");

        Assert.Equal(200, (await SendTemplateAsync(harness, "order_update", "en_US", Body("#4417", "Monday"))).Status);
        Assert.Equal(132000, (await SendTemplateAsync(harness, "order_update", "en_US", Body("#4417"))).Code);
        Assert.Equal(132001, (await SendTemplateAsync(harness, "order_update", "fr", Body("#4417", "Monday"))).Code);

        await SetStatusAsync(harness, "order_update", "PAUSED");
        Assert.Equal(132015, (await SendTemplateAsync(harness, "order_update", "en_US", Body("#4417", "Monday"))).Code);
        var paused = await TemplateWebhookAsync(harness, "message_template_status_update", "order_update", "PAUSED");
        Assert.Equal("FIRST_PAUSE", (string?)paused["other_info"]!["title"]);

        await SetStatusAsync(harness, "order_update", "DISABLED");
        Assert.Equal(132016, (await SendTemplateAsync(harness, "order_update", "en_US", Body("#4417", "Monday"))).Code);
    }

    [Fact]
    public async Task Named_parameters_must_name_the_template_variables()
    {
        await using var harness = await StartAsync();
        await CreateAsync(harness, JsonNode.Parse("""
            {"name":"welcome","language":"en_US","category":"MARKETING","parameter_format":"NAMED",
             "components":[{"type":"BODY","text":"Hi {{first_name}}, welcome aboard.","example":{"body_text_named_params":[{"param_name":"first_name","example":"Ana"}]}}]}
            """)!.AsObject());
        await TemplateWebhookAsync(harness, "message_template_status_update", "welcome");

        var right = new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["parameter_name"] = "first_name", ["text"] = "Ana" }) });
        var wrong = new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["parameter_name"] = "name", ["text"] = "Ana" }) });

        Assert.Equal(200, (await SendTemplateAsync(harness, "welcome", "en_US", right)).Status);
        Assert.Equal(132012, (await SendTemplateAsync(harness, "welcome", "en_US", wrong)).Code);
    }

    [Fact]
    public async Task Unknown_names_are_refused_when_the_simulator_is_strict()
    {
        await using var harness = await StartAsync(strict: true);

        Assert.Equal(132001, (await SendTemplateAsync(harness, "never_created", "en_US", [])).Code);
    }

    [Fact]
    public async Task Quality_and_category_changes_send_their_webhooks()
    {
        await using var harness = await StartAsync();
        await CreateAsync(harness, OrderUpdate("order_update"));

        using (var quality = await harness.Http.PostAsJsonAsync("/simulator/templates/quality", new { name = "order_update", language = "en_US", score = "RED" }))
        {
            quality.EnsureSuccessStatusCode();
        }

        using (var category = await harness.Http.PostAsJsonAsync("/simulator/templates/category", new { name = "order_update", language = "en_US", category = "MARKETING" }))
        {
            category.EnsureSuccessStatusCode();
        }

        var qualityUpdate = await TemplateWebhookAsync(harness, "message_template_quality_update", "order_update");
        Assert.Equal("RED", (string?)qualityUpdate["new_quality_score"]);
        var categoryUpdate = await TemplateWebhookAsync(harness, "template_category_update", "order_update");
        Assert.Equal("UTILITY", (string?)categoryUpdate["previous_category"]);
        Assert.Equal("MARKETING", (string?)categoryUpdate["new_category"]);
    }

    [Fact]
    public async Task An_edit_replaces_the_components_and_goes_back_to_review_within_Meta_limits()
    {
        await using var harness = await StartAsync();
        var id = (string)(await CreateAsync(harness, OrderUpdate("order_update")))["id"]!;
        await EventuallyStatusAsync(harness, "order_update", "APPROVED");
        var edit = new JsonObject
        {
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "BODY",
                ["text"] = "Your order {{1}} is on its way and arrives {{2}}.",
                ["example"] = new JsonObject { ["body_text"] = new JsonArray(new JsonArray("#1234", "Friday")) },
            }),
        };

        using var recategorised = await EditAsync(harness, id, new JsonObject { ["category"] = "MARKETING" });
        using var edited = await EditAsync(harness, id, edit);

        Assert.Equal(HttpStatusCode.BadRequest, recategorised.StatusCode);
        Assert.Contains("category", (string?)(await recategorised.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["error_data"]!["details"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.True((bool)(await edited.Content.ReadFromJsonAsync<JsonNode>())!["success"]!);
        var components = await TemplateWebhookAsync(harness, "message_template_components_update", "order_update");
        Assert.Equal("Your order {{1}} is on its way and arrives {{2}}.", (string?)components["message_template_element"]);
        var listed = await EventuallyStatusAsync(harness, "order_update", "APPROVED");
        Assert.Equal("Your order {{1}} is on its way and arrives {{2}}.", (string?)listed["components"]![0]!["text"]);

        // A second edit of the approved template on the same day is over Meta's limit; a paused one has none.
        using var again = await EditAsync(harness, id, edit);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("edit limit", (string?)(await again.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["error_data"]!["details"], StringComparison.Ordinal);
        await SetStatusAsync(harness, "order_update", "PAUSED");
        using var whilePaused = await EditAsync(harness, id, edit);
        Assert.Equal(HttpStatusCode.OK, whilePaused.StatusCode);
        using var unknown = await EditAsync(harness, "1000000000000001", edit);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Carousel_and_limited_time_offer_sends_are_checked_against_the_template()
    {
        await using var harness = await StartAsync();
        await CreateAsync(harness, JsonNode.Parse(CarouselTemplate)!.AsObject());
        await CreateAsync(harness, JsonNode.Parse(OfferTemplate)!.AsObject());
        await EventuallyStatusAsync(harness, "summer_carousel", "APPROVED");
        await EventuallyStatusAsync(harness, "caribbean_offer", "APPROVED");

        Assert.Equal(200, (await SendTemplateAsync(harness, "summer_carousel", "en_US", CarouselSend(Card(0, "image"), Card(1, "image")))).Status);
        Assert.Equal(132000, (await SendTemplateAsync(harness, "summer_carousel", "en_US", CarouselSend(Card(0, "image")))).Code);
        Assert.Equal(132012, (await SendTemplateAsync(harness, "summer_carousel", "en_US", CarouselSend(Card(0, "image"), Card(1, "video")))).Code);

        var offer = OfferSend(withExpiry: true);
        Assert.Equal(200, (await SendTemplateAsync(harness, "caribbean_offer", "en_US", offer)).Status);
        Assert.Equal(132000, (await SendTemplateAsync(harness, "caribbean_offer", "en_US", OfferSend(withExpiry: false))).Code);

        using var utilityCarousel = await PostAsync(harness, JsonNode.Parse(CarouselTemplate.Replace("\"MARKETING\"", "\"UTILITY\"", StringComparison.Ordinal).Replace("summer_carousel", "utility_carousel", StringComparison.Ordinal))!.AsObject());
        Assert.Equal(HttpStatusCode.BadRequest, utilityCarousel.StatusCode);
    }

    // Written after Meta's media card carousel and limited-time offer creation examples.
    private const string CarouselTemplate = """
        {"name":"summer_carousel","language":"en_US","category":"MARKETING","components":[
          {"type":"BODY","text":"Summer produce is in! Use code {{1}} for {{2}} off.","example":{"body_text":[["15OFF","15%"]]}},
          {"type":"CAROUSEL","cards":[
            {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
              {"type":"BODY","text":"Rare lemons. Code {{1}} takes {{2}} off.","example":{"body_text":[["LEMON15","15%"]]}},
              {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"More like this"},{"type":"URL","text":"Buy now","url":"https://www.luckyshrub.com/shop?promo={{1}}","example":["lemons"]}]}]},
            {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
              {"type":"BODY","text":"Exotic fruit. Code {{1}} takes {{2}} off.","example":{"body_text":[["FRUIT20","20%"]]}},
              {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"More like this"},{"type":"URL","text":"Buy now","url":"https://www.luckyshrub.com/shop?promo={{1}}","example":["fruit"]}]}]}]}]}
        """;

    private const string OfferTemplate = """
        {"name":"caribbean_offer","language":"en_US","category":"marketing","components":[
          {"type":"header","format":"image","example":{"header_handle":["4::aW1hZ2U="]}},
          {"type":"limited_time_offer","limited_time_offer":{"text":"Expiring offer!","has_expiration":true}},
          {"type":"body","text":"Good news, {{1}}! Use code {{2}} for 25% off every package.","example":{"body_text":[["Pablo","CARIBE25"]]}},
          {"type":"buttons","buttons":[{"type":"copy_code","example":"CARIBE25"},{"type":"url","text":"Book now!","url":"https://www.example.com/{{1}}","example":["https://www.example.com/n3mtql"]}]}]}
        """;

    private static JsonArray CarouselSend(params JsonObject[] cards) =>
    [
        new JsonObject { ["type"] = "body", ["parameters"] = Texts("20OFF", "20%") },
        new JsonObject { ["type"] = "carousel", ["cards"] = new JsonArray([.. cards]) },
    ];

    private static JsonObject Card(int index, string media) => new()
    {
        ["card_index"] = index,
        ["components"] = new JsonArray(
            new JsonObject { ["type"] = "header", ["parameters"] = new JsonArray(new JsonObject { ["type"] = media, [media] = new JsonObject { ["id"] = "24230790383178626" } }) },
            new JsonObject { ["type"] = "body", ["parameters"] = Texts("10OFF", "10%") },
            new JsonObject { ["type"] = "button", ["sub_type"] = "quick_reply", ["index"] = "0", ["parameters"] = new JsonArray(new JsonObject { ["type"] = "payload", ["payload"] = $"more-{index}" }) },
            new JsonObject { ["type"] = "button", ["sub_type"] = "url", ["index"] = "1", ["parameters"] = Texts("summer_2024") }),
    };

    private static JsonArray OfferSend(bool withExpiry)
    {
        var components = new JsonArray(
            new JsonObject { ["type"] = "header", ["parameters"] = new JsonArray(new JsonObject { ["type"] = "image", ["image"] = new JsonObject { ["link"] = "https://www.example.com/caribbean.png" } }) },
            new JsonObject { ["type"] = "body", ["parameters"] = Texts("Pablo", "CARIBE25") });
        if (withExpiry)
        {
            components.Add(new JsonObject
            {
                ["type"] = "limited_time_offer",
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "limited_time_offer", ["limited_time_offer"] = new JsonObject { ["expiration_time_ms"] = 1209600000 } }),
            });
        }

        components.Add(new JsonObject { ["type"] = "button", ["sub_type"] = "copy_code", ["index"] = 0, ["parameters"] = new JsonArray(new JsonObject { ["type"] = "coupon_code", ["coupon_code"] = "CARIBE25" }) });
        components.Add(new JsonObject { ["type"] = "button", ["sub_type"] = "url", ["index"] = 1, ["parameters"] = Texts("n3mtql") });
        return components;
    }

    private static JsonArray Texts(params string[] values) => new([.. values.Select(value => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = value })]);

    private static Task<HttpResponseMessage> EditAsync(SimulatorHarness harness, string id, JsonObject edit)
    {
        var request = Authorized(HttpMethod.Post, $"/v24.0/{id}");
        request.Content = new StringContent(edit.ToJsonString(), Encoding.UTF8, "application/json");
        return harness.Http.SendAsync(request);
    }

    private static async Task<JsonNode> EventuallyStatusAsync(SimulatorHarness harness, string name, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var page = await ListAsync(harness, null);
            if (page["data"]!.AsArray().FirstOrDefault(template => (string?)template!["name"] == name && (string?)template["status"] == status) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} did not become {status}");
            await Task.Delay(50);
        }
    }

    private static Task<SimulatorHarness> StartAsync(bool strict = false) => SimulatorHarness.StartAsync(new Dictionary<string, string>
    {
        ["Simulator:TemplateReviewDelay"] = "00:00:00.050",
        ["Simulator:RejectUnknownTemplates"] = strict ? "true" : "false",
    });

    /// <summary>A utility template written from Meta's "create templates" example: positional body variables.</summary>
    private static JsonObject OrderUpdate(string name) => new()
    {
        ["name"] = name,
        ["language"] = "en_US",
        ["category"] = "UTILITY",
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = "BODY",
            ["text"] = "Your order {{1}} ships on {{2}}.",
            ["example"] = new JsonObject { ["body_text"] = new JsonArray(new JsonArray("#1234", "Friday")) },
        }),
    };

    private static JsonArray Body(params string[] values) => new(new JsonObject
    {
        ["type"] = "body",
        ["parameters"] = new JsonArray([.. values.Select(value => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = value })]),
    });

    private static async Task<JsonNode> CreateAsync(SimulatorHarness harness, JsonObject template)
    {
        using var response = await PostAsync(harness, template);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static Task<HttpResponseMessage> PostAsync(SimulatorHarness harness, JsonObject template)
    {
        var request = Authorized(HttpMethod.Post, $"/v24.0/{Waba}/message_templates");
        request.Content = new StringContent(template.ToJsonString(), Encoding.UTF8, "application/json");
        return harness.Http.SendAsync(request);
    }

    private static async Task<JsonNode> ListAsync(SimulatorHarness harness, string? query)
    {
        using var response = await SendAsync(harness, HttpMethod.Get, $"/v24.0/{Waba}/message_templates{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static Task<HttpResponseMessage> SendAsync(SimulatorHarness harness, HttpMethod method, string path) => harness.Http.SendAsync(Authorized(method, path));

    private static HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dev-token");
        return request;
    }

    private static async Task SetStatusAsync(SimulatorHarness harness, string name, string status)
    {
        using var response = await harness.Http.PostAsJsonAsync("/simulator/templates/status", new { name, language = "en_US", status });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(int Status, int? Code)> SendTemplateAsync(SimulatorHarness harness, string name, string language, JsonArray components)
    {
        var request = Authorized(HttpMethod.Post, $"/v24.0/{SimulatorHarness.PhoneNumberId}/messages");
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["to"] = SimulatorHarness.Ana,
            ["type"] = "template",
            ["template"] = new JsonObject { ["name"] = name, ["language"] = new JsonObject { ["code"] = language }, ["components"] = components },
        };
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await harness.Http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonNode>();
        return ((int)response.StatusCode, (int?)answer?["error"]?["code"]);
    }

    /// <summary>The value of the first template webhook of <paramref name="field"/> about <paramref name="name"/> (with <paramref name="event"/>).</summary>
    private static async Task<JsonNode> TemplateWebhookAsync(SimulatorHarness harness, string field, string name, string? @event = null)
    {
        JsonNode? found = null;
        await SimulatorHarness.EventuallyAsync(
            () =>
            {
                found = harness.Receiver.Received
                    .Where(webhook => webhook.SignatureValid && (string?)webhook.Json["entry"]![0]!["changes"]![0]!["field"] == field)
                    .Select(webhook => webhook.Value)
                    .FirstOrDefault(value => (string?)value["message_template_name"] == name && (@event is null || (string?)value["event"] == @event));
                return found is not null;
            },
            $"a {field} webhook about {name}");
        return found!;
    }
}
