namespace WaApp.Grains.Abstractions.Contacts;

/// <summary>How the ids of a user are written as keys of the alias index (<see cref="IContactAliasGrain"/>).</summary>
public static class ContactAliases
{
    /// <summary>Usernames share the index with ids, so they carry a prefix no wa_id or BSUID has.</summary>
    public static string ForUsername(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        return "@" + username.TrimStart('@');
    }

    /// <summary>A wa_id (digits only; a BSUID has a dot): messages that carry one are routed by it without asking the index.</summary>
    public static bool IsRoutingNumber(string alias) => !string.IsNullOrEmpty(alias) && alias.All(char.IsAsciiDigit);
}
