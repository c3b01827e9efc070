using Microsoft.Extensions.Logging;
using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Contacts;

/// <summary>
/// One WhatsApp user. Its conversations report to it one-way when the customer's profile name changes or when the
/// consent changes, and a conversation it has not recorded (a new customer's) is asked when the contact is read; the gateway tells it only what no conversation covers (identity changes, usernames and
/// user ids). So a chatty user neither activates nor writes its contact per message, and an event is written only when
/// the profile, the ids, the set of conversations or a consent changes.
/// </summary>
public sealed partial class ContactGrain(IEventSourcedStreamFactory streams, TimeProvider clock, ILogger<ContactGrain> logger)
    : EventSourcedGrain<ContactState, ContactEvent>(streams, clock),
      IContactGrain
{
    [AssumesNewStream]
    public Task ObserveAsync(ContactObservation observation) => DecideAsync(async () =>
    {
        var known = KnownIds();
        RaiseObservation(observation);
        await ConfirmDecisionsAsync();
        await IndexNewAliasesAsync(known);
        return true;
    });

    [AssumesNewStream]
    public Task ReportConversationAsync(ContactConversationReport report) => DecideAsync(async () =>
    {
        var known = KnownIds();
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
        await IndexNewAliasesAsync(known);
        return true;
    });

    public async Task<ContactProfile?> GetProfileAsync()
    {
        // A conversation does not report its start (a new customer costs one write, the conversation's): the
        // conversations this contact has not recorded are asked on read, one per business number WaApp knows.
        var derived = await UnrecordedConversationsAsync();
        if (derived.Count == 0)
        {
            return Version == 0 ? null : State.ToProfile(this.GetPrimaryKeyString());
        }

        return State.With(derived).ToProfile(this.GetPrimaryKeyString());
    }

    protected override string StreamKind => "contact";

    private async Task<List<ContactConversationReport>> UnrecordedConversationsAsync()
    {
        var contactId = this.GetPrimaryKeyString();
        var numbers = await GrainFactory.GetGrain<IBusinessDirectoryGrain>(IBusinessDirectoryGrain.Key).ListAsync();
        var asked = numbers
            .Where(phoneNumberId => !State.HasConversation(phoneNumberId))
            .Select(phoneNumberId => GrainFactory.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, contactId).ToString()).GetContactReportAsync())
            .ToList();
        var reports = await Task.WhenAll(asked);
        return [.. reports.OfType<ContactConversationReport>()];
    }

    // A new customer's contact is created with one write and no read (see EventSourcedGrain).
    protected override bool AssumesNewStream => true;

    private void RaiseObservation(ContactObservation observation)
    {
        if (TentativeState.ChangesProfile(observation))
        {
            Raise(new ContactProfileUpdated(observation.ProfileName, observation.Username, observation.WaId, observation.UserId, observation.ObservedAt, observation.ParentUserId));
        }

        if (observation.IdentityChange is { } change && !TentativeState.Knows(change))
        {
            Raise(new ContactIdentityChanged(change, observation.ObservedAt));
        }

        if (observation.PhoneNumberId is { Length: > 0 } phoneNumberId && !TentativeState.HasConversation(phoneNumberId))
        {
            Raise(new ContactConversationStarted(phoneNumberId, observation.ObservedAt));
        }
    }

    protected override ContactEvent Stamp(ContactEvent @event, DateTimeOffset recordedAt) => @event with { RecordedAt = recordedAt };
}
