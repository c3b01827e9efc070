using System.Text.RegularExpressions;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.WebGateway.LiveFeed;

/// <summary>What one socket watches: whole businesses (phone number ids) and single conversations. Immutable.</summary>
public sealed partial record LiveSubscriptions(IReadOnlySet<string> Businesses, IReadOnlySet<string> Conversations)
{
    public static LiveSubscriptions None { get; } = new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    public int Count => Businesses.Count + Conversations.Count;

    /// <summary>Every business a frame for this socket can come from.</summary>
    public IEnumerable<string> WatchedBusinesses =>
        Businesses.Concat(Conversations.Select(conversation => ConversationKey.Parse(conversation).PhoneNumberId));

    public bool Wants(string phoneNumberId, string conversationId) =>
        Businesses.Contains(phoneNumberId) || Conversations.Contains(conversationId);

    /// <summary>Whether a business-level frame (e.g. <c>sending.paused</c>) of this number concerns this socket: it watches the number or one of its conversations.</summary>
    public bool WantsBusiness(string phoneNumberId) =>
        WatchedBusinesses.Contains(phoneNumberId, StringComparer.Ordinal);

    /// <summary>These subscriptions with <paramref name="businesses"/> and <paramref name="conversations"/> added (or removed), or why not.</summary>
    public LiveSubscriptions Change(IEnumerable<string>? businesses, IEnumerable<string>? conversations, bool add, int limit, out string? problem)
    {
        problem = null;
        var nextBusinesses = new HashSet<string>(Businesses, StringComparer.Ordinal);
        var nextConversations = new HashSet<string>(Conversations, StringComparer.Ordinal);
        foreach (var business in businesses ?? [])
        {
            if (!IsBusinessId(business))
            {
                problem = "A business is a phone number id: 1 to 64 letters, digits, '-' or '_'.";
                return this;
            }

            _ = add ? nextBusinesses.Add(business) : nextBusinesses.Remove(business);
        }

        foreach (var conversation in conversations ?? [])
        {
            if (!ConversationKey.TryParse(conversation, out var key) || !IsBusinessId(key.PhoneNumberId) || key.ContactId.Length > 128)
            {
                problem = "A conversation is '{phoneNumberId}:{contactId}'.";
                return this;
            }

            _ = add ? nextConversations.Add(conversation) : nextConversations.Remove(conversation);
        }

        if (nextBusinesses.Count + nextConversations.Count > limit)
        {
            problem = $"A socket may watch at most {limit} businesses and conversations.";
            return this;
        }

        return new LiveSubscriptions(nextBusinesses, nextConversations);
    }

    private static bool IsBusinessId(string? value) => value is not null && BusinessId().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex BusinessId();
}
