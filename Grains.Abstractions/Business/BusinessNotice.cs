using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.Business;

/// <summary>An account-level update from a webhook.</summary>
/// <param name="Field">The webhook field, e.g. <c>message_template_status_update</c>, <c>account_update</c>, or <c>messages</c> for a value-level error.</param>
/// <param name="Event">What happened, e.g. <c>APPROVED</c>, <c>THROUGHPUT_UPGRADE</c>; null when the field has no event.</param>
/// <param name="Time">When Meta says it happened (<c>entry.time</c>), if it says.</param>
/// <param name="PhoneNumberId">The business number concerned, when Meta names it.</param>
/// <param name="Subject">What the event is about: a template name, a display number, a restriction type.</param>
/// <param name="Error">The error of a value-level error notice.</param>
/// <param name="RawJson">The change's value (or the error) exactly as Meta sent it.</param>
[GenerateSerializer, Immutable, Alias("waapp.BusinessNotice")]
public sealed record BusinessNotice(
    string Field,
    string? Event,
    DateTimeOffset? Time,
    string? PhoneNumberId,
    string? Subject,
    ErrorDetail? Error,
    string RawJson);
