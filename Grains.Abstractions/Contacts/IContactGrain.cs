namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>
/// One WhatsApp user (key: the contact id, the wa_id or else the BSUID): profile name, known ids, and per business
/// number the conversation and the user's consent. Fed one-way from webhooks and conversations; it writes only when
/// something changed, never per message.
/// </summary>
[Alias("waapp.IContactGrain")]
public interface IContactGrain : IGrainWithStringKey
{
    /// <summary>What a webhook said about this user; stored only if it adds or changes something.</summary>
    [OneWay]
    [Alias("Observe")]
    Task ObserveAsync(ContactObservation observation);

    /// <summary>A conversation with this user exists, with this consent; stored only if it adds or changes something.</summary>
    [OneWay]
    [Alias("ReportConversation")]
    Task ReportConversationAsync(ContactConversationReport report);

    /// <summary>The user as known so far, or null when nothing was ever observed.</summary>
    [Alias("GetProfile")]
    Task<ContactProfile?> GetProfileAsync();
}
