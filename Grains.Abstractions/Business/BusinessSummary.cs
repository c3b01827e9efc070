using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Abstractions.Business;

/// <summary>A business number: its metadata from webhooks, counters and how many conversations it has.</summary>
/// <param name="DisplayPhoneNumber">The number customers see, from webhook metadata.</param>
/// <param name="WabaId">The WhatsApp Business Account that owns the number.</param>
/// <param name="Conversations">Conversations in the recent-conversations index.</param>
/// <param name="LastActivityAt">The newest activity of any conversation.</param>
[GenerateSerializer, Immutable, Alias("waapp.BusinessSummary")]
public sealed record BusinessSummary(
    string PhoneNumberId,
    string? DisplayPhoneNumber,
    string? WabaId,
    MessageCounters Counters,
    int Conversations,
    DateTimeOffset? LastActivityAt)
{
    /// <summary>Whether the number may send, or why its sender paused it (token, locked account, billing, policy, ban).</summary>
    [Id(6)]
    public SendingStatus Sending { get; init; } = SendingStatus.Running;
}

/// <summary>Webhook metadata of a business number; null fields were not in the webhook.</summary>
[GenerateSerializer, Immutable, Alias("waapp.BusinessMetadata")]
public sealed record BusinessMetadata(string? DisplayPhoneNumber, string? WabaId);
