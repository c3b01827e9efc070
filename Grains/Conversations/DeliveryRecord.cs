using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Everything Meta reported about one business message: each status with its own time, errors, pricing. Kept even
/// before the message itself is known, and applied to it when it appears.
/// </summary>
[GenerateSerializer, Alias("waapp.DeliveryRecord")]
public sealed class DeliveryRecord
{
    /// <summary>Errors kept per message; Meta sends one or two with a failed status, so more is noise, not news.</summary>
    public const int MaxErrors = 10;

    /// <summary>Each status seen, with the time Meta gave it.</summary>
    [Id(0)]
    public Dictionary<string, DateTimeOffset> StatusTimes { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public List<ErrorDetail> Errors { get; set; } = [];

    [Id(2)]
    public PricingInfo? Pricing { get; set; }

    [Id(3)]
    public PricingConversation? Conversation { get; set; }

    [Id(4)]
    public string? BizOpaqueCallbackData { get; set; }

    /// <summary>The status whose pricing and conversation data are kept (the earliest in the lifecycle that had any).</summary>
    [Id(5)]
    public string? PricingFrom { get; set; }

    public string? Status => MessageStatuses.Effective(StatusTimes.Keys);

    public bool Has(string status) => StatusTimes.ContainsKey(status);

    public void Add(StatusReport report)
    {
        if (!StatusTimes.TryAdd(report.Status, report.Timestamp))
        {
            return;
        }

        // A late 'sent' still brings pricing and conversation data. Keeping the data of the earliest status in the
        // lifecycle (not the first to arrive) makes the result independent of arrival order.
        if ((report.Pricing is not null || report.Conversation is not null)
            && (PricingFrom is null || MessageStatuses.Order(report.Status) < MessageStatuses.Order(PricingFrom)))
        {
            Pricing = report.Pricing;
            Conversation = report.Conversation;
            PricingFrom = report.Status;
        }

        BizOpaqueCallbackData ??= report.BizOpaqueCallbackData;
        if (report.Errors is { Count: > 0 } errors && Errors.Count < MaxErrors)
        {
            Errors.AddRange(errors.Take(MaxErrors - Errors.Count));
        }
    }
}
