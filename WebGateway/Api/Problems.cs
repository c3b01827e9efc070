using WaApp.Grains.Abstractions.Business;

namespace WaApp.WebGateway.Api;

/// <summary>RFC 7807 problem responses used across the REST API.</summary>
internal static class Problems
{
    public static IResult Validation(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 400 whose <c>errors</c> map each field's JSON path to its messages.</summary>
    public static IResult Validation(IEnumerable<SettingsFieldError> errors) =>
        Results.ValidationProblem(errors
            .GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray(), StringComparer.Ordinal));

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
