namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// Which id names a WhatsApp user, for every item that mentions one (contacts, messages, statuses, preferences,
/// identity changes). Meta sends some ids as empty strings while the BSUID rollout lasts; an empty string means
/// absent everywhere, so the conversation key and the identity a change points to never disagree.
/// </summary>
public static class ContactIdentity
{
    /// <summary>The id WaApp keys a user by: the wa_id when Meta gives one, else the business-scoped user id.</summary>
    public static string? ContactId(string? waId, string? userId) => Present(waId) ?? Present(userId);

    /// <summary>
    /// The number a <c>user_changed_number</c> moved to: <c>wa_id</c>, or <c>new_wa_id</c> in the older
    /// <c>customer_changed_number</c> shape.
    /// </summary>
    public static string? NewWaId(SystemContent system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Present(system.WaId) ?? Present(system.NewWaId);
    }

    /// <summary>
    /// The business-scoped user id a user now has: <c>new_user_id</c>, or <c>user_id</c> of a
    /// <c>user_changed_user_id</c> notice (in other notices <c>user_id</c> is the user's current id, not a new one).
    /// </summary>
    public static string? NewUserId(SystemContent system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Present(system.NewUserId) ?? (system.Type == SystemTypes.UserChangedUserId ? Present(system.UserId) : null);
    }

    /// <summary>The id, or null when Meta sent none or an empty string.</summary>
    public static string? Present(string? id) => string.IsNullOrEmpty(id) ? null : id;
}
