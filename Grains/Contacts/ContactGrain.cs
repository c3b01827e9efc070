using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Contacts;

namespace WaApp.Grains.Contacts;

/// <summary>
/// One WhatsApp user. Observations arrive one-way with every webhook that mentions the user, and reports one-way from
/// its conversations when one starts or its consent changes; an event is written only when the profile, the ids, the
/// set of conversations or a consent changes, so a chatty user costs no write per message.
/// </summary>
public sealed class ContactGrain(IEventSourcedStreamFactory streams, TimeProvider clock)
    : EventSourcedGrain<ContactState, ContactEvent>(streams, clock),
      IContactGrain
{
    public async Task ObserveAsync(ContactObservation observation)
    {
        if (TentativeState.ChangesProfile(observation))
        {
            Raise(new ContactProfileUpdated(observation.ProfileName, observation.Username, observation.WaId, observation.UserId, observation.ObservedAt));
        }

        if (observation.IdentityChange is { } change && !TentativeState.Knows(change))
        {
            Raise(new ContactIdentityChanged(change, observation.ObservedAt));
        }

        if (observation.PhoneNumberId is { Length: > 0 } phoneNumberId && !TentativeState.HasConversation(phoneNumberId))
        {
            Raise(new ContactConversationStarted(phoneNumberId, observation.ObservedAt));
        }

        await ConfirmEvents();
    }

    public async Task ReportConversationAsync(ContactConversationReport report)
    {
        if (!TentativeState.HasConversation(report.PhoneNumberId))
        {
            Raise(new ContactConversationStarted(report.PhoneNumberId, report.StartedAt));
        }

        if (TentativeState.ChangesConsent(report))
        {
            Raise(new ContactConsentChanged(report.PhoneNumberId, report.OptedOut, report.MarketingStopped, report.OptOutChangedAt, report.MarketingChangedAt));
        }

        await ConfirmEvents();
    }

    public Task<ContactProfile?> GetProfileAsync() =>
        Task.FromResult(Version == 0 ? null : State.ToProfile(this.GetPrimaryKeyString()));

    protected override string StreamKind => "contact";

    protected override ContactEvent Stamp(ContactEvent @event, DateTimeOffset recordedAt) => @event with { RecordedAt = recordedAt };
}
