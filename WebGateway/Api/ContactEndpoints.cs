using WaApp.Grains.Abstractions.Contacts;
using WaApp.WebGateway.Security;

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

    private static async Task<IResult> GetAsync(string contactId, IGrainFactory grains)
    {
        var profile = await grains.GetGrain<IContactGrain>(await grains.ContactIdAsync(contactId)).GetProfileAsync();
        return profile is null ? Problems.NotFound("No contact with this id is known.") : Results.Ok(profile);
    }
}
