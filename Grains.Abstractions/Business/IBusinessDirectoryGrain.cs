namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// The list of business numbers WaApp has seen (a single activation, key <see cref="Key"/>). A business registers
/// once, when it first appears, so this is written once per number, not per message.
/// </summary>
[Alias("waapp.IBusinessDirectoryGrain")]
public interface IBusinessDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Register")]
    Task RegisterAsync(string phoneNumberId);

    /// <summary>Phone number ids in ascending order.</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();
}
