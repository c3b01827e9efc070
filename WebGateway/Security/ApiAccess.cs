using Microsoft.AspNetCore.Authorization;

namespace WaApp.WebGateway.Security;

/// <summary>
/// Who may call an endpoint of the <c>/api/v1</c> group: an agent key any endpoint, a read-only key only those marked
/// with <see cref="ReadOnlyEndpoint.AllowReadOnlyKeys{TBuilder}"/>. Refusal is the default, so a new endpoint that
/// sends or changes something is closed to read-only keys even when its author forgets about them.
/// </summary>
public sealed class ApiAccess : AuthorizationHandler<ApiAccess>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiAccess requirement)
    {
        var endpoint = context.Resource switch
        {
            HttpContext http => http.GetEndpoint(),
            Endpoint direct => direct,
            _ => null,
        };
        var readOnlyAllowed = endpoint?.Metadata.GetMetadata<ReadOnlyEndpoint>() is not null;
        if (context.User.IsInRole(ApiRoles.Agent) || (readOnlyAllowed && context.User.IsInRole(ApiRoles.Reader)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
