namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>
/// Identifies one conversation: a business phone number and one customer. The grain key is
/// <c>"{PhoneNumberId}:{ContactId}"</c>; the contact id is the customer's wa_id, or the business-scoped user id
/// when Meta gives no wa_id.
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.ConversationKey")]
public readonly record struct ConversationKey(string PhoneNumberId, string ContactId)
{
    private const char Separator = ':';

    public override string ToString() => $"{PhoneNumberId}{Separator}{ContactId}";

    public static ConversationKey Parse(string key) =>
        TryParse(key, out var parsed) ? parsed : throw new FormatException($"'{key}' is not a conversation key of the form phoneNumberId:contactId.");

    public static bool TryParse(string? key, out ConversationKey parsed)
    {
        parsed = default;
        var separator = key?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (key is null || separator <= 0 || separator == key.Length - 1)
        {
            return false;
        }

        parsed = new ConversationKey(key[..separator], key[(separator + 1)..]);
        return true;
    }
}
