using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace WaApp.WebGateway.Inbox;

/// <summary>
/// The agent inbox: static files (page, style, scripts) embedded in the gateway (no build step, nothing to deploy beside it), served
/// at <c>/</c> and <c>/inbox</c>. The page itself holds no data; it signs in with an API key and uses the REST API
/// and <c>/ws</c> like any other client.
/// </summary>
public static class InboxEndpoints
{
    private const string ResourcePrefix = "WaApp.WebGateway.wwwroot.";

    // The page loads only its own script and style and talks only to this origin (REST and /ws). Media files are
    // fetched with the API key and shown from blob: URLs of those bytes.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication MapInbox(this WebApplication app)
    {
        var page = InboxFile.Load(ResourcePrefix + "index.html", "text/html; charset=utf-8");
        var script = InboxFile.Load(ResourcePrefix + "inbox.js", "text/javascript; charset=utf-8");
        var style = InboxFile.Load(ResourcePrefix + "inbox.css", "text/css; charset=utf-8");
        var templates = InboxFile.Load(ResourcePrefix + "templates.js", "text/javascript; charset=utf-8");

        app.MapGet("/", (HttpContext context) => page.Serve(context)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/inbox", (HttpContext context) => page.Serve(context)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/inbox/inbox.js", (HttpContext context) => script.Serve(context)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/inbox/templates.js", (HttpContext context) => templates.Serve(context)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/inbox/inbox.css", (HttpContext context) => style.Serve(context)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private sealed class InboxFile(byte[] content, string contentType)
    {
        private readonly string _etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";

        public static InboxFile Load(string resource, string contentType)
        {
            using var stream = typeof(InboxEndpoints).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded resource {resource} is missing.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return new InboxFile(buffer.ToArray(), contentType);
        }

        public IResult Serve(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.ETag = _etag;
            // Revalidated on every load, so a gateway upgrade reaches agents on their next reload.
            headers.CacheControl = "no-cache";
            headers.XContentTypeOptions = "nosniff";
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            return context.Request.Headers.IfNoneMatch.ToString() == _etag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(content, contentType);
        }
    }
}
