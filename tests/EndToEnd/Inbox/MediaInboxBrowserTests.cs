using System.IO.Compression;
using System.Buffers.Binary;
using System.Net.Http.Json;
using Microsoft.Playwright;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd.Inbox;

/// <summary>The inbox in a real headless Chromium shows a customer's photo, fetched from the bucket with the API key.</summary>
public sealed class MediaInboxBrowserTests(MediaCluster fixture, InboxBrowser browser)
    : IClassFixture<MediaCluster>, IClassFixture<InboxBrowser>
{
    [Fact]
    public async Task An_injected_image_is_shown_inline_and_enlarges_on_click()
    {
        var page = await OpenSignedInAsync();
        var (customer, messageId, _) = await fixture.InjectMediaAsync("image", "image/png", Picture(160, 120), caption: "The parcel arrived like this");

        var item = page.Locator($".conversation-item[data-contact-id='{customer}']");
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await item.ClickAsync();

        var message = page.Locator($".message[data-message-id='{messageId}']");
        var image = message.Locator(".media[data-media-status='stored'] img.thumbnail");
        await Assertions.Expect(image).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(message.Locator(".body")).ToHaveTextAsync("The parcel arrived like this");
        // Decoded: the bytes came back from the bucket and are a real picture.
        await page.WaitForFunctionAsync(
            "id => { const img = document.querySelector(`.message[data-message-id='${id}'] img.thumbnail`); return img && img.complete && img.naturalWidth === 160; }",
            messageId,
            new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = InboxBrowser.ScreenshotPath("inbox-media.png") });

        await image.ClickAsync();
        await Assertions.Expect(image).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("enlarged"));
    }

    [Fact]
    public async Task A_file_attached_in_the_composer_is_uploaded_and_sent_by_its_media_id_with_the_caption()
    {
        var page = await OpenSignedInAsync();
        var customer = await fixture.InjectInboundAsync(MediaCluster.PhoneNumberId, "Could you send a photo of the invoice?");
        var item = page.Locator($".conversation-item[data-contact-id='{customer}']");
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await item.ClickAsync();

        await page.Locator("#attach").SetInputFilesAsync(new FilePayload { Name = "invoice.png", MimeType = "image/png", Buffer = Picture(64, 48) });
        await Assertions.Expect(page.Locator("#attachment-name")).ToContainTextAsync("invoice.png");
        await page.Locator("#reply").FillAsync("Here is the invoice");
        await page.Locator("#send").ClickAsync();

        // Meta (the simulator) received an image message naming the id of a file it holds, with the caption.
        System.Text.Json.Nodes.JsonNode? image = null;
        await SimulatedMetaCluster.EventuallyAsync(
            async () => (image = (await fixture.RequestsAsync(customer))
                .Select(request => System.Text.Json.Nodes.JsonNode.Parse(request.GetProperty("body").GetString()!)!["image"])
                .FirstOrDefault(node => node is not null)) is not null,
            "the attached image to reach Meta");
        Assert.Equal("Here is the invoice", (string?)image!["caption"]);
        var held = await fixture.Simulator.GetFromJsonAsync<System.Text.Json.JsonElement[]>("/simulator/media");
        Assert.Contains(held!, file => file.GetProperty("id").GetString() == (string?)image["id"] && file.GetProperty("uploaded").GetBoolean());
    }

    private async Task<IPage> OpenSignedInAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Cluster.GatewayUrl + "/inbox");
        // A business is listed once it has a conversation.
        await fixture.InjectInboundAsync(MediaCluster.PhoneNumberId, "Hello");
        await page.Locator("#api-key").FillAsync(LocalCluster.ApiKey);
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        return page;
    }

    // A real RGB PNG (a diagonal gradient) of the given size, so the page has a picture to decode and show.
    private static byte[] Picture(int width, int height)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + (x * 3)] = (byte)(40 + (x * 200 / width));
                raw[row + 2 + (x * 3)] = (byte)(90 + (y * 120 / height));
                raw[row + 3 + (x * 3)] = 160;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    // PNG's CRC-32 (ISO 3309 polynomial), bit by bit: a few hundred bytes, no table needed.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
