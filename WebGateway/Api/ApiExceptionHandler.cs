using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace WaApp.WebGateway.Api;

/// <summary>
/// Answers what escapes an endpoint with problem details instead of an empty 500: a body that does not bind is a 400
/// naming the field (in every environment), and an unreachable cluster or storage is a 503 with <c>Retry-After</c>.
/// Anything else is left to the default handler, which still answers with problem details.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a caller should wait before retrying after a 503; membership settles within this time.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                Problems.Validation(JsonFieldName.From(json.Path, "body"), "The value is missing, not valid JSON or of the wrong type."),
            BadHttpRequestException bad => Results.Problem(statusCode: bad.StatusCode, title: "The request could not be read", detail: bad.Message),
            _ when ClusterUnavailability.IsUnavailable(exception) => Unavailable(httpContext, exception),
            _ => null,
        };
        if (result is null)
        {
            return false;
        }

        if (exception is BadHttpRequestException)
        {
            LogBadRequest(logger, exception.Message);
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    private IResult Unavailable(HttpContext httpContext, Exception exception)
    {
        // Exception messages can name grains (phone numbers): the details go to Debug only.
        LogUnavailable(logger, exception.GetType().Name);
        LogUnavailableDetails(logger, exception);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The cluster or its storage is unavailable",
            detail: "Retry after the time in Retry-After; a send repeated with the same Idempotency-Key is queued once.",
            type: "https://waapp.dev/problems/unavailable");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a request that could not be read: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering 503: the cluster or its storage did not answer ({ExceptionType}).")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The 503 was caused by this exception.")]
    private static partial void LogUnavailableDetails(ILogger logger, Exception exception);
}
