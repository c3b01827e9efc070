using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime.Internal.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.DynamoDB.Tests.Support;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.Tables;

[Collection(DynamoDBCollection.Name)]
public sealed class DirectPutItemTests(DynamoDBFixture fixture)
{
    [Fact]
    public async Task An_item_written_directly_reads_back_exactly_as_one_the_SDK_wrote()
    {
        var provider = new DynamoDBClientProvider();
        var options = new DynamoDBClientOptions { Service = fixture.ServiceUrl };
        var client = provider.GetClient(options);
        var table = await CreateTableAsync(client);

        await client.PutItemAsync(new PutItemRequest { TableName = table, Item = Item("sdk") });
        Assert.True(await provider.GetDirectPutItem(options).PutAsync(new PutItemRequest { TableName = table, Item = Item("direct") }, default));

        var sdk = await ReadAsync(client, table, "sdk");
        var direct = await ReadAsync(client, table, "direct");
        Assert.Equal(Describe(sdk).Replace("sdk", "direct", StringComparison.Ordinal), Describe(direct));
        Assert.Equal("Zoë says \"hi\"\n\t👋 \\ </script> \u0001", direct["Text"].S);
    }

    [Fact]
    public async Task A_failed_condition_is_answered_in_one_request_and_changes_nothing()
    {
        var provider = new DynamoDBClientProvider();
        var options = new DynamoDBClientOptions { Service = fixture.ServiceUrl };
        var client = provider.GetClient(options);
        var putItem = provider.GetDirectPutItem(options);
        var table = await CreateTableAsync(client);
        var requests = RequestCounter.On(client, putItem);

        var first = await putItem.PutAsync(Conditional(table, "k", "first"), default);
        var second = await putItem.PutAsync(Conditional(table, "k", "second"), default);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(2, requests.Count);
        Assert.Equal("first", (await ReadAsync(client, table, "k"))["Text"].S);
    }

    [Fact]
    public async Task The_request_on_the_wire_carries_a_valid_signature_with_and_without_a_session_token()
    {
        foreach (var token in new[] { null, "session//token+=" })
        {
            using var endpoint = new ScriptedEndpoint(HttpStatusCode.OK);
            var options = new DynamoDBClientOptions { Service = endpoint.Url, AccessKey = "AKIDEXAMPLE", SecretKey = "secret/key+", Token = token };

            Assert.True(await new DynamoDBClientProvider().GetDirectPutItem(options).PutAsync(Conditional("Events", "k", "text"), default));

            var request = Assert.Single(endpoint.Requests);
            Assert.Equal("DynamoDB_20120810.PutItem", request.Headers["X-Amz-Target"]);
            Assert.True(request.SignatureIsValid("secret/key+"), request.Headers["Authorization"]);
            Assert.Equal(token is not null, request.Headers["Authorization"]!.Contains("x-amz-security-token", StringComparison.Ordinal));
            Assert.DoesNotContain("aws-sdk-dotnet", request.Headers["User-Agent"] ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_server_error_is_sent_again_through_the_SDK()
    {
        using var endpoint = new ScriptedEndpoint(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        var options = new DynamoDBClientOptions { Service = endpoint.Url, AccessKey = "a", SecretKey = "s" };

        Assert.True(await new DynamoDBClientProvider().GetDirectPutItem(options).PutAsync(Conditional("Events", "k", "text"), default));

        Assert.Equal(2, endpoint.Requests.Count);
        Assert.Contains("aws-sdk-dotnet", endpoint.Requests[1].Headers["User-Agent"], StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(endpoint.Requests[0].Body), JsonNode.Parse(endpoint.Requests[1].Body)), "the same request twice");
    }

    [Fact]
    public async Task A_shape_it_does_not_write_goes_through_the_SDK_alone()
    {
        using var endpoint = new ScriptedEndpoint(HttpStatusCode.OK);
        var options = new DynamoDBClientOptions { Service = endpoint.Url, AccessKey = "a", SecretKey = "s" };
        var request = Conditional("Events", "k", "text");
        request.Item["Blob"] = new AttributeValue { B = new MemoryStream([1, 2, 3]) };

        Assert.True(await new DynamoDBClientProvider().GetDirectPutItem(options).PutAsync(request, default));

        var sent = Assert.Single(endpoint.Requests);
        Assert.Contains("aws-sdk-dotnet", sent.Headers["User-Agent"], StringComparison.Ordinal);
    }

    private static Dictionary<string, AttributeValue> Item(string key) => new()
    {
        ["Id"] = new(key),
        ["Version"] = new() { N = "42" },
        ["Text"] = new("Zoë says \"hi\"\n\t👋 \\ </script> \u0001"),
        ["Flag"] = new() { BOOL = true },
        ["Nothing"] = new() { NULL = true },
        ["Events"] = new()
        {
            L =
            [
                new() { M = new() { ["Type"] = new("message.received"), ["Data"] = new("""{"text":"ü"}""") } },
                new() { M = new() { ["Type"] = new("status"), ["Count"] = new() { N = "-1.5" } } },
            ],
        },
    };

    private static PutItemRequest Conditional(string table, string key, string text) => new()
    {
        TableName = table,
        Item = new() { ["Id"] = new(key), ["Text"] = new(text) },
        ConditionExpression = "attribute_not_exists(#id)",
        ExpressionAttributeNames = new() { ["#id"] = "Id" },
    };

    private static async Task<string> CreateTableAsync(IAmazonDynamoDB client)
    {
        var table = DynamoDBServer.UniqueTablePrefix("put") + "Items";
        var definition = new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new("Id", ScalarAttributeType.S)],
            KeySchema = [new("Id", KeyType.HASH)],
        };
        await DynamoDBTableManager.EnsureTableAsync(client, definition, new DynamoDBClusteringOptions(), NullLogger.Instance, default);
        return table;
    }

    private static async Task<Dictionary<string, AttributeValue>> ReadAsync(IAmazonDynamoDB client, string table, string key) =>
        (await client.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["Id"] = new(key) }, ConsistentRead = true })).Item;

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        string.Join(", ", item.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={Describe(pair.Value)}"));

    private static string Describe(AttributeValue value) => value switch
    {
        { S: { } s } => $"S:{s}",
        { N: { } n } => $"N:{n}",
        { BOOL: { } b } => $"BOOL:{b}",
        { NULL: true } => "NULL",
        { L: { } list } => $"L[{string.Join("; ", list.Select(Describe))}]",
        { M: { } map } => $"M{{{Describe(map)}}}",
        _ => "?",
    };

    /// <summary>A loopback HTTP endpoint that answers each request with the next status of its script (the last one repeats).</summary>
    private sealed class ScriptedEndpoint : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly HttpStatusCode[] _script;
        private readonly Task _serving;

        public ScriptedEndpoint(params HttpStatusCode[] script)
        {
            _script = script;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _serving = ServeAsync();
        }

        public string Url { get; }

        public List<Received> Requests { get; } = [];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var status = _script[Math.Min(Requests.Count, _script.Length - 1)];
                Requests.Add(new Received(context.Request.HttpMethod, context.Request.Headers, body.ToArray()));
                context.Response.StatusCode = (int)status;
                context.Response.ContentType = "application/x-amz-json-1.0";
                var answer = status == HttpStatusCode.OK ? "{}"u8.ToArray() : """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"scripted"}"""u8.ToArray();
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }

    private sealed record Received(string Method, System.Collections.Specialized.NameValueCollection Headers, byte[] Body)
    {
        // Rebuilds the canonical request from what arrived, per AWS's Signature Version 4 documentation, and asks the
        // SDK's signature arithmetic whether the signature matches it.
        public bool SignatureIsValid(string secretKey)
        {
            var authorization = Headers["Authorization"]!;
            var credential = Part(authorization, "Credential=").Split('/');
            var signedHeaders = Part(authorization, "SignedHeaders=");
            var amzDate = Headers["X-Amz-Date"]!;
            var canonical = new StringBuilder($"{Method}\n/\n\n");
            foreach (var header in signedHeaders.Split(';'))
            {
                canonical.Append(header).Append(':').Append(Headers[header]!.Trim()).Append('\n');
            }

            canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(Body)));
            var signedAt = DateTime.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
            var expected = AWS4Signer.ComputeSignature(credential[0], secretKey, credential[2], signedAt, credential[3], signedHeaders, canonical.ToString());
            return Part(authorization, "Signature=") == expected.Signature;
        }

        private static string Part(string authorization, string name)
        {
            var start = authorization.IndexOf(name, StringComparison.Ordinal) + name.Length;
            var end = authorization.IndexOf(',', start);
            return end < 0 ? authorization[start..] : authorization[start..end];
        }
    }
}
