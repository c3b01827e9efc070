using System.Net;

namespace WaApp.WhatsApp.Graph;

/// <summary>A definite failure: the Graph API answered with an error, or the request provably never left.</summary>
/// <param name="Code">Meta's <c>error.code</c>, or <see cref="NoGraphCode"/> when the failure did not come from Meta.</param>
/// <param name="Title">Meta's error message (safe to log: it holds no message content).</param>
/// <param name="Details"><c>error_data.details</c>: the precise reason, for logs and operators.</param>
/// <param name="Class">What to do next.</param>
public sealed record GraphError(int Code, string Title, string? Details, GraphErrorClass Class)
{
    /// <summary>The code used when there is no Meta error code (connection refused, an HTTP error without a Graph body).</summary>
    public const int NoGraphCode = -1;

    /// <summary>The HTTP status of the answer; null when no answer came (connection refused).</summary>
    public HttpStatusCode? HttpStatus { get; init; }

    /// <summary><c>error.type</c>, for example <c>OAuthException</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Meta's trace id: quote it in support tickets.</summary>
    public string? FbTraceId { get; init; }
}
