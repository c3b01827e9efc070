using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Contacts;

namespace WaApp.Grains.Contacts;

/// <summary>
/// One WhatsApp user. Its conversations report to it one-way when one starts, when the customer's profile name changes
/// or when the consent changes; the gateway tells it only what no conversation covers (identity changes, usernames and
/// user ids). So a chatty user neither activates nor writes its contact per message, and an event is written only when
/// the profile, the ids, the set of conversations or a consent changes.
/// </summary>
public sealed class ContactGrain(IEventSourcedStreamFactory streams, TimeProvider clock)
    : EventSourcedGrain<ContactState, ContactEvent>(streams, clock),
      IContactGrain
{
    [AssumesNewStream]
    public Task ObserveAsync(ContactObservation observation) => DecideAsync(async () =>
    {
        RaiseObservation(observation);
        await ConfirmDecisionsAsync();
        return true;
    });

    [AssumesNewStream]
    public Task ReportConversationAsync(ContactConversationReport report) => DecideAsync(async () =>
    {
        if (report.Profile is { } profile)
        {
            RaiseObservation(profile);
        }

        if (!TentativeState.HasConversation(report.PhoneNumberId))
        {
            Raise(new ContactConversationStarted(report.PhoneNumberId, report.StartedAt));
        }

        if (TentativeState.ChangesConsent(report))
        {
            Raise(new ContactConsentChanged(report.PhoneNumberId, report.OptedOut, report.MarketingStopped, report.OptOutChangedAt, report.MarketingChangedAt));
        }

        await ConfirmDecisionsAsync();
        return true;
    });

    public Task<ContactProfile?> GetProfileAsync() =>
        Task.FromResult(Version == 0 ? null : State.ToProfile(this.GetPrimaryKeyString()));

    protected override string StreamKind => "contact";

    // A new customer's contact is created with one write and no read (see EventSourcedGrain).
    protected override bool AssumesNewStream => true;

    private void RaiseObservation(ContactObservation observation)
    {
        if (TentativeState.ChangesProfile(observation))
        {
            Raise(new ContactProfileUpdated(observation.ProfileName, observation.Username, observation.WaId, observation.UserId, observation.ObservedAt));
        }

        if (observation.IdentityChange is { } change && !TentativeState.Knows(change))
        {
            Raise(new ContactIdentityChanged(change, observation.ObservedAt));
        }

        if (observation.SavedName is { } saved)
        {
            // An address book entry is no conversation: the number only saved the user.
            var name = saved.Removed ? null : saved.FullName ?? saved.FirstName;
            if (observation.PhoneNumberId is { Length: > 0 } savedBy && TentativeState.ChangesSavedName(savedBy, name, observation.ObservedAt))
            {
                Raise(new ContactSavedNameChanged(savedBy, name, observation.ObservedAt));
            }

            return;
        }

        if (observation.PhoneNumberId is { Length: > 0 } phoneNumberId && !TentativeState.HasConversation(phoneNumberId))
        {
            Raise(new ContactConversationStarted(phoneNumberId, observation.ObservedAt));
        }
    }

    protected override ContactEvent Stamp(ContactEvent @event, DateTimeOffset recordedAt) => @event with { RecordedAt = recordedAt };
}
