using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using WaApp.DynamoDB.EventStore;
using WaApp.Grains.Abstractions.Contacts;

namespace WaApp.Grains.Contacts;

/// <summary>
/// One WhatsApp user. Observations arrive one-way with every webhook that mentions the user, and reports one-way from
/// its conversations when one starts or its consent changes; an event is written only when the profile, the ids, the
/// set of conversations or a consent changes, so a chatty user costs no write per message.
/// </summary>
[LogConsistencyProvider(ProviderName = EventSourcingConstants.LogConsistencyProviderName)]
public sealed class ContactGrain(IEventSourcedStreamFactory streams, TimeProvider clock)
    : JournaledGrain<ContactState, ContactEvent>,
      IContactGrain,
      ICustomStorageInterface<ContactState, ContactEvent>
{
    private EventSourcedStream<ContactState, ContactEvent>? _stream;

    private EventSourcedStream<ContactState, ContactEvent> Stream =>
        _stream ??= streams.Create<ContactState, ContactEvent>(
            $"contact/{this.GetPrimaryKeyString()}",
            static (state, @event) => state.Apply(@event));

    public async Task ObserveAsync(ContactObservation observation)
    {
        var now = clock.GetUtcNow();
        if (TentativeState.ChangesProfile(observation))
        {
            RaiseEvent(new ContactProfileUpdated(observation.ProfileName, observation.Username, observation.WaId, observation.UserId, observation.ObservedAt) { RecordedAt = now });
        }

        if (observation.IdentityChange is { } change && !TentativeState.Knows(change))
        {
            RaiseEvent(new ContactIdentityChanged(change, observation.ObservedAt) { RecordedAt = now });
        }

        if (observation.PhoneNumberId is { Length: > 0 } phoneNumberId && !TentativeState.HasConversation(phoneNumberId))
        {
            RaiseEvent(new ContactConversationStarted(phoneNumberId, observation.ObservedAt) { RecordedAt = now });
        }

        await ConfirmEvents();
    }

    public async Task ReportConversationAsync(ContactConversationReport report)
    {
        var now = clock.GetUtcNow();
        if (!TentativeState.HasConversation(report.PhoneNumberId))
        {
            RaiseEvent(new ContactConversationStarted(report.PhoneNumberId, report.StartedAt) { RecordedAt = now });
        }

        if (TentativeState.ChangesConsent(report))
        {
            RaiseEvent(new ContactConsentChanged(report.PhoneNumberId, report.OptedOut, report.MarketingStopped, report.OptOutChangedAt, report.MarketingChangedAt)
            {
                RecordedAt = now,
            });
        }

        await ConfirmEvents();
    }

    public Task<ContactProfile?> GetProfileAsync() =>
        Task.FromResult(Version == 0 ? null : State.ToProfile(this.GetPrimaryKeyString()));

    protected override void TransitionState(ContactState state, ContactEvent @event) => state.Apply(@event);

    public Task<KeyValuePair<int, ContactState>> ReadStateFromStorage() => Stream.ReadStateFromStorageAsync();

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<ContactEvent> updates, int expectedVersion) =>
        Stream.ApplyUpdatesToStorageAsync(updates, expectedVersion, State);
}
