using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WaApp.Bench;

/// <summary>
/// Writes one file per wrk thread, one request per line: <c>{X-Hub-Signature-256} {body}</c>, with bodies shaped
/// like Meta's text-message webhooks and signed ahead, so the load generator only sends bytes.
/// </summary>
internal static class BodyGenerator
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var workload = BenchWorkload.From(args);
        var output = args.Text("out");
        var secret = Encoding.UTF8.GetBytes(args.Text("secret"));
        Directory.CreateDirectory(output);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        await Parallel.ForAsync(0, workload.Threads, async (thread, cancellationToken) =>
        {
            await using var writer = new StreamWriter(Path.Combine(output, $"bodies-{thread + 1}.txt"), append: false, new UTF8Encoding(false), 1 << 20);
            for (var index = 0; index < workload.PerThread; index++)
            {
                var body = workload.IsStatus(thread, index) ? StatusBody(workload, thread, index, timestamp) : Body(workload, thread, index, timestamp);
                var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
                await writer.WriteAsync(signature);
                await writer.WriteAsync(' ');
                await writer.WriteLineAsync(Encoding.UTF8.GetString(body));
            }
        });

        Console.WriteLine($"generated {workload.Threads} x {workload.PerThread} signed webhooks for {workload.Users} users ({workload.StatusPercent} % status updates) in {output}");
        return 0;
    }

    private static byte[] StatusBody(BenchWorkload workload, int thread, int index, string timestamp)
    {
        var (messageId, status) = workload.StatusOf(thread, index);
        using var stream = new MemoryStream(640);
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("object", "whatsapp_business_account");
            json.WriteStartArray("entry");
            json.WriteStartObject();
            json.WriteString("id", "104857362918475");
            json.WriteStartArray("changes");
            json.WriteStartObject();
            json.WriteStartObject("value");
            json.WriteString("messaging_product", "whatsapp");
            json.WriteStartObject("metadata");
            json.WriteString("display_phone_number", "15557340912");
            json.WriteString("phone_number_id", workload.PhoneNumberId);
            json.WriteEndObject();
            json.WriteStartArray("statuses");
            json.WriteStartObject();
            json.WriteString("id", messageId);
            json.WriteString("status", status);
            json.WriteString("timestamp", timestamp);
            json.WriteString("recipient_id", workload.ContactId(thread, index));
            json.WriteStartObject("pricing");
            json.WriteBoolean("billable", true);
            json.WriteString("pricing_model", "PMP");
            json.WriteString("type", "regular");
            json.WriteString("category", "utility");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("field", "messages");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static byte[] Body(BenchWorkload workload, int thread, int index, string timestamp)
    {
        var contact = workload.ContactId(thread, index);
        using var stream = new MemoryStream(768);
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("object", "whatsapp_business_account");
            json.WriteStartArray("entry");
            json.WriteStartObject();
            json.WriteString("id", "104857362918475");
            json.WriteStartArray("changes");
            json.WriteStartObject();
            json.WriteStartObject("value");
            json.WriteString("messaging_product", "whatsapp");
            json.WriteStartObject("metadata");
            json.WriteString("display_phone_number", "15557340912");
            json.WriteString("phone_number_id", workload.PhoneNumberId);
            json.WriteEndObject();
            json.WriteStartArray("contacts");
            json.WriteStartObject();
            json.WriteStartObject("profile");
            json.WriteString("name", "Bench User " + contact[^4..]);
            json.WriteEndObject();
            json.WriteString("wa_id", contact);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("from", contact);
            json.WriteString("id", workload.MessageId(thread, index));
            json.WriteString("timestamp", timestamp);
            json.WriteString("type", "text");
            json.WriteStartObject("text");
            json.WriteString("body", string.Create(CultureInfo.InvariantCulture, $"Hello, this is benchmark message {index} of sender {thread}. Is my order shipped yet?"));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("field", "messages");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }
}
