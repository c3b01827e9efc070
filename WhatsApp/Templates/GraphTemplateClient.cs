using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Templates;

/// <summary>
/// <see cref="ITemplateManagementClient"/> over HTTP, with the endpoint, version and token of
/// <see cref="GraphApiClientOptions"/>. Reads are safe to repeat; a create whose answer is lost is reported as
/// failed and shows up (or not) on the next sync.
/// </summary>
public sealed class GraphTemplateClient(HttpClient httpClient, IOptionsMonitor<GraphApiClientOptions> options) : ITemplateManagementClient
{
    /// <summary>Guards against a paging loop: 250 pages of Meta's largest page is far beyond any account's limit.</summary>
    private const int MaxPages = 250;

    public async Task<TemplateCallResult<IReadOnlyList<GraphTemplate>>> ListAllAsync(string wabaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(wabaId);
        var templates = new List<GraphTemplate>();
        var next = TemplatesUri(wabaId, "?limit=100");
        for (var page = 0; next is not null; page++)
        {
            if (page == MaxPages)
            {
                return TemplateCallResult<IReadOnlyList<GraphTemplate>>.Failed(null, null, $"More than {MaxPages} pages of templates; stopped.");
            }

            var (status, body, error) = await SendAsync(HttpMethod.Get, next, null, cancellationToken);
            if (error is not null)
            {
                return TemplateCallResult<IReadOnlyList<GraphTemplate>>.Failed(status, ErrorCode(body), error);
            }

            using var document = JsonDocument.Parse(body!);
            var root = document.RootElement;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                templates.AddRange(data.EnumerateArray().Select(Read).OfType<GraphTemplate>());
            }

            // Meta omits paging.next on the last page; following it keeps every other query parameter as Meta wants.
            next = root.TryGetProperty("paging", out var paging) && String(paging, "next") is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri : null;
        }

        return TemplateCallResult<IReadOnlyList<GraphTemplate>>.Ok(templates);
    }

    public async Task<TemplateCallResult<TemplateCreated>> CreateAsync(string wabaId, string creationJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(wabaId);
        var (status, body, error) = await SendAsync(HttpMethod.Post, TemplatesUri(wabaId, string.Empty), creationJson, cancellationToken);
        if (error is not null)
        {
            return TemplateCallResult<TemplateCreated>.Failed(status, ErrorCode(body), error);
        }

        using var document = JsonDocument.Parse(body!);
        var root = document.RootElement;
        return String(root, "id") is { } id
            ? TemplateCallResult<TemplateCreated>.Ok(new TemplateCreated(id, String(root, "status") ?? "PENDING", String(root, "category")))
            : TemplateCallResult<TemplateCreated>.Failed(status, null, "The Graph API answered without the new template's id.");
    }

    public async Task<TemplateCallResult<bool>> EditAsync(string templateId, string editJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        var (status, body, error) = await SendAsync(HttpMethod.Post, GraphUri(Uri.EscapeDataString(templateId)), editJson, cancellationToken);
        if (error is not null)
        {
            return TemplateCallResult<bool>.Failed(status, ErrorCode(body), error);
        }

        using var document = JsonDocument.Parse(body!);
        return document.RootElement.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True
            ? TemplateCallResult<bool>.Ok(true)
            : TemplateCallResult<bool>.Failed(status, null, "The Graph API did not confirm the edit.");
    }

    public async Task<TemplateCallResult<bool>> DeleteAsync(string wabaId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(wabaId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (status, body, error) = await SendAsync(HttpMethod.Delete, TemplatesUri(wabaId, "?name=" + Uri.EscapeDataString(name)), null, cancellationToken);
        return error is null ? TemplateCallResult<bool>.Ok(true) : TemplateCallResult<bool>.Failed(status, ErrorCode(body), error);
    }

    private async Task<(int? Status, string? Body, string? Error)> SendAsync(HttpMethod method, Uri uri, string? json, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.AccessToken))
        {
            return (null, null, "No access token is configured (WhatsApp__AccessToken).");
        }

        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode && IsJsonObject(body))
            {
                return ((int)response.StatusCode, body, null);
            }

            return ((int)response.StatusCode, body, ErrorMessage(body) ?? $"HTTP {(int)response.StatusCode} from the Graph API.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            return (null, null, $"The Graph API could not be reached: {exception.Message}");
        }
    }

    private Uri TemplatesUri(string wabaId, string query) => GraphUri($"{Uri.EscapeDataString(wabaId)}/message_templates{query}");

    private Uri GraphUri(string path)
    {
        var settings = options.CurrentValue;
        var root = settings.GraphApiBaseUrl.AbsoluteUri.EndsWith('/') ? settings.GraphApiBaseUrl : new Uri(settings.GraphApiBaseUrl.AbsoluteUri + "/");
        return new Uri(root, $"{Uri.EscapeDataString(settings.ApiVersion)}/{path}");
    }

    private static GraphTemplate? Read(JsonElement item)
    {
        if (String(item, "name") is not { } name || String(item, "language") is not { } language)
        {
            return null;
        }

        var components = item.TryGetProperty("components", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetRawText() : null;
        var quality = item.TryGetProperty("quality_score", out var score) ? String(score, "score") : null;
        return new GraphTemplate(
            String(item, "id") ?? string.Empty,
            name,
            language,
            String(item, "category"),
            String(item, "status") ?? "UNKNOWN",
            String(item, "parameter_format"),
            components,
            quality,
            String(item, "rejected_reason"));
    }

    private static bool IsJsonObject(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Meta's <c>error.error_user_msg</c>, <c>error_data.details</c> or <c>message</c>, in that order of helpfulness.</summary>
    private static string? ErrorMessage(string? body)
    {
        if (ErrorElement(body) is not { } error)
        {
            return null;
        }

        var details = error.TryGetProperty("error_data", out var data) ? data.ValueKind == JsonValueKind.Object ? String(data, "details") : data.ValueKind == JsonValueKind.String ? data.GetString() : null : null;
        return String(error, "error_user_msg") ?? details ?? String(error, "message");
    }

    private static int? ErrorCode(string? body) =>
        ErrorElement(body) is { } error && error.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) ? value : null;

    private static JsonElement? ErrorElement(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? error.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
