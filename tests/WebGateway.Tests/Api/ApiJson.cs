using System.Net;
using System.Text;
using System.Text.Json;

namespace WaApp.WebGateway.Tests.Api;

internal static class ApiJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The field names of a validation problem's <c>errors</c> object.</summary>
    public static string[] ErrorFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(property => property.Name)];

    /// <summary>GETs <paramref name="path"/> until it answers 200 with a body <paramref name="ready"/> accepts, for at most 30 seconds.</summary>
    public static async Task<JsonElement> EventuallyAsync(HttpClient client, string path, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await ReadAsync(response, HttpStatusCode.OK);
                if (ready(body))
                {
                    return body;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} was not ready within 30 seconds.");
            await Task.Delay(100);
        }
    }
}
