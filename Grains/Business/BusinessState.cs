using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>The stored state of a business number (one grain-state item, JSON).</summary>
[GenerateSerializer, Alias("waapp.BusinessState")]
public sealed class BusinessState
{
    [Id(0)]
    public string? DisplayPhoneNumber { get; set; }

    [Id(1)]
    public string? WabaId { get; set; }

    [Id(2)]
    public BusinessSettings Settings { get; set; } = BusinessSettings.Default;

    [Id(3)]
    public MessageCounters Counters { get; set; } = MessageCounters.Zero;

    /// <summary>The recent-conversations index, by contact id.</summary>
    [Id(4)]
    public Dictionary<string, ConversationSnapshot> Conversations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the business is in the <see cref="IBusinessDirectoryGrain"/>.</summary>
    [Id(5)]
    public bool Registered { get; set; }
}
