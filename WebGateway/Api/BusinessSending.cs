using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.WebGateway.Api;

/// <summary>
/// Adds the number's sending status to a business summary. The sender owns the pause (it decides and stores it),
/// so the business grain never calls it; the gateway asks both.
/// </summary>
public static class BusinessSending
{
    public static async Task<BusinessSummary> AddAsync(BusinessSummary summary, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(grains);
        return summary with { Sending = await grains.GetGrain<ISenderGrain>(summary.PhoneNumberId).GetSendingStatusAsync() };
    }
}
