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
}
