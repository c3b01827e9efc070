using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// The stored state of a business number (one grain-state item, JSON): metadata, counters and the recent-conversations
/// index, bounded in bytes by <see cref="BusinessGrainOptions.MaxIndexBytes"/>. Settings live in their own item
/// (<see cref="BusinessSettingsState"/>).
/// </summary>
[GenerateSerializer, Alias("waapp.BusinessState")]
public sealed class BusinessState
{
    [Id(0)]
    public string? DisplayPhoneNumber { get; set; }

    [Id(1)]
    public string? WabaId { get; set; }

    /// <summary>
    /// Settings as items written before they moved to <see cref="BusinessSettingsState"/> held them; read once to
    /// carry them over, then cleared. Null in every item written since.
    /// </summary>
    [Id(2)]
    public BusinessSettings? Settings { get; set; }

    [Id(3)]
    public MessageCounters Counters { get; set; } = MessageCounters.Zero;

    /// <summary>The recent-conversations index, by contact id.</summary>
    [Id(4)]
    public Dictionary<string, ConversationSnapshot> Conversations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the business is in the <see cref="IBusinessDirectoryGrain"/>.</summary>
    [Id(5)]
    public bool Registered { get; set; }

    /// <summary>
    /// When this state was written: every report applied before then is in it. On activation the business recovers,
    /// from the activity index, what conversations committed since (less <see cref="BusinessGrainOptions.RecoveryMargin"/>).
    /// Null in items written before it existed.
    /// </summary>
    [Id(6)]
    public DateTimeOffset? WrittenAt { get; set; }

    /// <summary>
    /// Written by a clean deactivation, which flushed every report it had: the next activation has nothing to
    /// recover. That activation clears it in the store before it takes reports, so a crash after it is recovered.
    /// </summary>
    [Id(7)]
    public bool Deactivated { get; set; }
}
