namespace WaApp.WebGateway.Api.Reference;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and a self-contained page that renders it
/// (<c>/api/reference</c>); both are public, since they describe the API without revealing any data.
/// </summary>
public static class ApiReferenceEndpoints
{
    private const string PageResource = "WaApp.WebGateway.Api.Reference.reference.html";

    public static IServiceCollection AddWaAppOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "WaApp REST API";
            document.Info.Description =
                "Conversations, contacts and businesses of a WhatsApp Business Cloud API backend. Every /api/v1 call "
                + "needs 'Authorization: Bearer {key}' with a key from Api__Keys__*. Errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        }));

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/api/reference", () => Results.Stream(
                typeof(ApiReferenceEndpoints).Assembly.GetManifestResourceStream(PageResource)
                    ?? throw new InvalidOperationException($"The embedded resource {PageResource} is missing."),
                "text/html; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
