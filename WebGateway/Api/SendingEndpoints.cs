using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.WebGateway.Api;

/// <summary>
/// <c>POST /api/v1/businesses/{phoneNumberId}/sending/resume</c>: an operator's all-clear after the number's sender
/// paused it (token, locked account, billing, policy block, account ban). Agent keys only, like every /api/v1 write.
/// </summary>
public static class SendingEndpoints
{
    public static RouteGroupBuilder MapSendingApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/businesses").WithTags("Businesses")
            .MapPost("/{phoneNumberId}/sending/resume", ResumeAsync)
            .WithName("ResumeSending")
            .WithSummary("Resumes sending from a paused number: its waiting messages go out again. Harmless when not paused.")
            .Produces<SendingStatus>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> ResumeAsync(string phoneNumberId, IGrainFactory grains) =>
        Results.Ok(await grains.GetGrain<ISenderGrain>(phoneNumberId).ResumeSendingAsync());
}
