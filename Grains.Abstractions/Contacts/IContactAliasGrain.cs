namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>
/// One entry of the durable alias index (key: an id Meta showed for a user: a wa_id, a BSUID, a parent BSUID, or a
/// username as <c>@name</c>). It names the WaApp contact id that id belongs to: the id WaApp first knew the customer by,
/// which keys the contact and its conversations for good. Stored as one DynamoDB item written with a conditional
/// (ETag) put; looked up by key, never scanned.
/// </summary>
[Alias("waapp.IContactAliasGrain")]
public interface IContactAliasGrain : IGrainWithStringKey
{
    /// <summary>
    /// Points this alias at <paramref name="contactId"/> unless it already points elsewhere; returns the contact it
    /// points at afterwards. The first contact to claim an alias keeps it, so two webhooks racing cannot split a user.
    /// </summary>
    [Alias("Claim")]
    Task<string> ClaimAsync(string contactId);

    /// <summary>
    /// Points this alias at <paramref name="contactId"/> even if it pointed elsewhere: a number or BSUID Meta says
    /// now belongs to that user (Meta reassigns numbers; the newest change wins).
    /// </summary>
    [Alias("Assign")]
    Task AssignAsync(string contactId);

    /// <summary>The contact this alias belongs to, or null when WaApp never saw it as an alias.</summary>
    [Alias("Resolve")]
    Task<string?> ResolveAsync();
}
