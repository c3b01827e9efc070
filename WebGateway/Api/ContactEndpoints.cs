using WaApp.Grains.Abstractions.Contacts;
using System.Security.Claims;
using WaApp.WebGateway.Security;
using WaApp.WebGateway.Tenants;

namespace WaApp.WebGateway.Api;

/// <summary>Contact endpoints under <c>/api/v1/contacts</c>.</summary>
public static class ContactEndpoints
{
    public static RouteGroupBuilder MapContactsApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/contacts").WithTags("Contacts")
            .MapGet("/{contactId}", GetAsync)
            .AllowReadOnlyKeys()
            .WithName("GetContact")
            .WithSummary("A WhatsApp user: profile name, username, wa_id, business-scoped user id and every alias (previous numbers).")
            .Produces<ContactProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(string contactId, IGrainFactory grains, ClaimsPrincipal user, TenantDirectory directory)
    {
        var profile = await grains.GetGrain<IContactGrain>(await grains.ContactIdAsync(contactId)).GetProfileAsync();
        if (profile is null)
        {
            return Problems.NotFound("No contact with this id is known.");
        }

        // A contact is seen only through the caller's own numbers: a tenant key sees its conversations with them and
        // nothing of another tenant's; a contact who only wrote to other tenants' numbers does not exist for it.
        if (!directory.CanDecide(user))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: "The tenant directory is not available yet; retry shortly.");
        }

        var visible = profile.Conversations.Where(conversation => directory.MayAccess(user, conversation.PhoneNumberId)).ToList();
        if (visible.Count == 0 && (TenantClaims.IsTenantKey(user) || profile.Conversations.Count > 0))
        {
            return Problems.NotFound("No contact with this id is known.");
        }

        return Results.Ok(profile with { Conversations = visible });
    }
}
