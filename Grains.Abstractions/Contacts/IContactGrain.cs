namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>
/// One WhatsApp user (key: the contact id, the wa_id or else the BSUID): profile name and known ids. Fed one-way
/// from webhooks; it writes only when something changed, never per message.
/// </summary>
[Alias("waapp.IContactGrain")]
public interface IContactGrain : IGrainWithStringKey
{
    /// <summary>What a webhook said about this user; stored only if it adds or changes something.</summary>
    [OneWay]
    [Alias("Observe")]
    Task ObserveAsync(ContactObservation observation);

    /// <summary>The user as known so far, or null when nothing was ever observed.</summary>
    [Alias("GetProfile")]
    Task<ContactProfile?> GetProfileAsync();
}
