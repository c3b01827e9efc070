using WaApp.EventSourcing.Storage;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Indexes every conversation's commits under its business number, so what keeps a lazily written view of a
/// number's conversations (its inbox list and counters, event subscriptions) can find, after a crash, the
/// conversations that changed since its last write.
/// </summary>
public sealed class ConversationActivityKeys : IStreamActivityKeys
{
    private const string Prefix = "conversation/";

    /// <summary>The activity key of every conversation of <paramref name="phoneNumberId"/>.</summary>
    public static string ForBusiness(string phoneNumberId) => Prefix + phoneNumberId;

    public string? ActivityKeyOf(string streamId)
    {
        if (!streamId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        // conversation/{phoneNumberId}:{contactId}
        var separator = streamId.IndexOf(':', Prefix.Length);
        return separator > Prefix.Length ? streamId[..separator] : null;
    }
}
