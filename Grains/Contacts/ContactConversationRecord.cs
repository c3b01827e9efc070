using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Contacts;

/// <summary>Inside <see cref="ContactState"/>: one business number the user talks to, and the consent towards it.</summary>
[GenerateSerializer, Alias("waapp.ContactConversationRecord")]
public sealed class ContactConversationRecord
{
    [Id(0)]
    public string PhoneNumberId { get; set; } = string.Empty;

    [Id(1)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(2)]
    public bool OptedOut { get; set; }

    [Id(3)]
    public DateTimeOffset? OptOutChangedAt { get; set; }

    [Id(4)]
    public bool MarketingStopped { get; set; }

    [Id(5)]
    public DateTimeOffset? MarketingChangedAt { get; set; }

    public ContactConversationRecord Copy() => (ContactConversationRecord)MemberwiseClone();

    public ContactConversation ToView(string contactId) => new(
        PhoneNumberId,
        new ConversationKey(PhoneNumberId, contactId).ToString(),
        StartedAt,
        OptedOut,
        MarketingStopped,
        Later(OptOutChangedAt, MarketingChangedAt));

    private static DateTimeOffset? Later(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null ? second : second is null || first >= second ? first : second;
}
