using WaApp.EventSourcing.Grains;
using WaApp.Grains.Abstractions.Contacts;

namespace WaApp.Grains.Contacts;

/// <summary>A contact rebuilt from its events; also its JSON snapshot.</summary>
[GenerateSerializer, Alias("waapp.ContactState")]
public sealed class ContactState : IEventSourcedState<ContactEvent>
{
    [Id(0)]
    public string? ProfileName { get; set; }

    [Id(1)]
    public string? Username { get; set; }

    [Id(2)]
    public string? WaId { get; set; }

    [Id(3)]
    public string? UserId { get; set; }

    [Id(4)]
    public List<string> Aliases { get; set; } = [];

    [Id(5)]
    public string? ReplacedBy { get; set; }

    /// <summary>Message ids of the identity changes already applied (a redelivery must not apply one twice).</summary>
    [Id(6)]
    public List<string> IdentityChanges { get; set; } = [];

    [Id(7)]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>One per business number, in the order they first met the user.</summary>
    [Id(8)]
    public List<ContactConversationRecord> Conversations { get; set; } = [];

    /// <summary>True when the observation carries a name or id this state does not have (and is not older than it).</summary>
    public bool ChangesProfile(ContactObservation observation) =>
        (UpdatedAt is null || observation.ObservedAt >= UpdatedAt)
        && (Differs(observation.ProfileName, ProfileName) || Differs(observation.Username, Username)
            || Differs(observation.WaId, WaId) || Differs(observation.UserId, UserId)
            || (observation.ParentUserId is { } parent && !Aliases.Contains(parent)));

    /// <summary>True when a conversation with <paramref name="phoneNumberId"/> is already recorded.</summary>
    public bool HasConversation(string phoneNumberId) => Find(phoneNumberId) is not null;

    /// <summary>True when the report carries consent newer than (and different from) what is recorded.</summary>
    public bool ChangesConsent(ContactConversationReport report)
    {
        var known = Find(report.PhoneNumberId);
        return known is null
            ? report.OptedOut || report.MarketingStopped
            : (IsNewer(report.OptOutChangedAt, known.OptOutChangedAt) && report.OptedOut != known.OptedOut)
              || (IsNewer(report.MarketingChangedAt, known.MarketingChangedAt) && report.MarketingStopped != known.MarketingStopped);
    }

    public bool Knows(ContactIdentityChange change) =>
        change.MessageId is { } id ? IdentityChanges.Contains(id) : ReplacedBy is not null && ReplacedBy == (change.NewWaId ?? change.NewUserId);

    public void Apply(ContactEvent @event)
    {
        switch (@event)
        {
            case ContactProfileUpdated updated:
                ProfileName = updated.ProfileName ?? ProfileName;
                Username = updated.Username ?? Username;
                WaId = updated.WaId ?? WaId;
                UserId = updated.UserId ?? UserId;
                AddAlias(updated.WaId);
                AddAlias(updated.UserId);
                AddAlias(updated.ParentUserId);
                UpdatedAt = updated.ObservedAt;
                break;
            case ContactIdentityChanged changed:
                if (changed.Change.MessageId is { } messageId)
                {
                    IdentityChanges.Add(messageId);
                }

                ReplacedBy = changed.Change.NewWaId ?? changed.Change.NewUserId ?? ReplacedBy;
                AddAlias(changed.Change.NewWaId);
                AddAlias(changed.Change.NewUserId);
                break;
            case ContactConversationStarted started:
                if (Find(started.PhoneNumberId) is null)
                {
                    Conversations.Add(new ContactConversationRecord { PhoneNumberId = started.PhoneNumberId, StartedAt = started.StartedAt });
                }

                break;
            case ContactConsentChanged consent:
                ApplyConsent(consent);
                break;
            default:
                throw new InvalidOperationException($"ContactState has no rule for {@event.GetType().Name}.");
        }
    }

    /// <summary>
    /// A copy of this state with conversations it has not recorded applied as their reports would have been (the
    /// newer name wins; consent as each conversation decides it). Nothing is stored: the conversations stay the truth.
    /// </summary>
    public ContactState With(IEnumerable<ContactConversationReport> reports)
    {
        var view = new ContactState
        {
            ProfileName = ProfileName,
            Username = Username,
            WaId = WaId,
            UserId = UserId,
            Aliases = [.. Aliases],
            ReplacedBy = ReplacedBy,
            IdentityChanges = [.. IdentityChanges],
            UpdatedAt = UpdatedAt,
            Conversations = Conversations.ConvertAll(static conversation => conversation.Copy()),
        };
        foreach (var report in reports.OrderBy(static report => report.StartedAt))
        {
            if (report.Profile is { } profile && view.ChangesProfile(profile))
            {
                view.Apply(new ContactProfileUpdated(profile.ProfileName, profile.Username, profile.WaId, profile.UserId, profile.ObservedAt));
            }

            view.Apply(new ContactConversationStarted(report.PhoneNumberId, report.StartedAt));
            if (view.ChangesConsent(report))
            {
                view.Apply(new ContactConsentChanged(report.PhoneNumberId, report.OptedOut, report.MarketingStopped, report.OptOutChangedAt, report.MarketingChangedAt));
            }
        }

        return view;
    }

    public ContactProfile ToProfile(string contactId) =>
        new(contactId, ProfileName, Username, WaId, UserId, [.. Aliases], ReplacedBy, UpdatedAt,
            Conversations.ConvertAll(conversation => conversation.ToView(contactId)));

    // Null means "not said": a lean status contact without a profile does not erase the name.
    private static bool Differs(string? observed, string? known) => observed is not null && observed != known;

    // One-way reports can arrive out of order: a choice older than the recorded one does not undo it.
    private static bool IsNewer(DateTimeOffset? reported, DateTimeOffset? known) => known is null || reported >= known;

    private ContactConversationRecord? Find(string phoneNumberId) =>
        Conversations.Find(conversation => conversation.PhoneNumberId == phoneNumberId);

    private void ApplyConsent(ContactConsentChanged consent)
    {
        var record = Find(consent.PhoneNumberId);
        if (record is null)
        {
            record = new ContactConversationRecord { PhoneNumberId = consent.PhoneNumberId, StartedAt = consent.RecordedAt };
            Conversations.Add(record);
        }

        if (IsNewer(consent.OptOutChangedAt, record.OptOutChangedAt))
        {
            record.OptedOut = consent.OptedOut;
            record.OptOutChangedAt = consent.OptOutChangedAt;
        }

        if (IsNewer(consent.MarketingChangedAt, record.MarketingChangedAt))
        {
            record.MarketingStopped = consent.MarketingStopped;
            record.MarketingChangedAt = consent.MarketingChangedAt;
        }
    }

    private void AddAlias(string? id)
    {
        if (!string.IsNullOrEmpty(id) && !Aliases.Contains(id))
        {
            Aliases.Add(id);
        }
    }
}
