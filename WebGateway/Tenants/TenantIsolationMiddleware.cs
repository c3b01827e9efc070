using WaApp.WebGateway.Api;

namespace WaApp.WebGateway.Tenants;

/// <summary>
/// Runs after authorization on every endpoint whose route names a <c>{phoneNumberId}</c>: a number the caller may not
/// see answers 404, exactly like a number that does not exist, so a foreign key learns nothing (not even existence).
/// Applied by route value, not per endpoint, so an endpoint added later is covered without anyone remembering to.
/// </summary>
public sealed class TenantIsolationMiddleware(RequestDelegate next, TenantDirectory directory)
{
    public const string RouteValue = "phoneNumberId";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.GetEndpoint() is not null
            && context.GetRouteValue(RouteValue) is string phoneNumberId
            && !context.Request.Path.StartsWithSegments(TenantAdminEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            if (!directory.CanDecide(context.User))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Service unavailable",
                    detail: "The tenant directory is not available yet; retry shortly.").ExecuteAsync(context);
                return;
            }

            if (!directory.MayAccess(context.User, phoneNumberId))
            {
                await Problems.NotFound($"No business number {phoneNumberId} is known.").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
