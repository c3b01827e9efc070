using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>The business numbers WaApp has seen; written once per new number.</summary>
public sealed class BusinessDirectoryGrain([PersistentState("business-directory")] IPersistentState<BusinessDirectoryState> state)
    : Grain, IBusinessDirectoryGrain
{
    public async Task RegisterAsync(string phoneNumberId)
    {
        if (state.State.PhoneNumberIds.Add(phoneNumberId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.PhoneNumberIds.Order(StringComparer.Ordinal)]);
}

[GenerateSerializer, Alias("waapp.BusinessDirectoryState")]
public sealed class BusinessDirectoryState
{
    [Id(0)]
    public HashSet<string> PhoneNumberIds { get; set; } = new(StringComparer.Ordinal);
}
