namespace WaApp.Grains.Abstractions.Business;

/// <summary>A fact in a business account's event log (stored under its <c>[Alias]</c>).</summary>
[GenerateSerializer, Immutable]
public abstract record BusinessAccountEvent
{
    [Id(0)]
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>Meta sent an account-level notice.</summary>
[GenerateSerializer, Immutable, Alias("business.notice-received.v1")]
public sealed record BusinessNoticeReceived(BusinessNotice Notice) : BusinessAccountEvent;
