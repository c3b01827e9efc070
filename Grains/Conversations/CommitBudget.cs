using System.Globalization;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Keeps each commit of a conversation within one DynamoDB item (400 KB). A webhook may carry up to 3 MB for a single
/// customer (a backlog redelivery), so the grain commits such a batch in parts; and a single update too large for any
/// item is stored reduced rather than blocking the conversation forever.
/// </summary>
public static class CommitBudget
{
    /// <summary>What one commit may hold by <see cref="Estimate"/>, leaving room for keys and attributes.</summary>
    public const int MaxCommitBytes = 300 * 1024;

    /// <summary>Raw JSON kept verbatim up to this many characters; beyond, a marker with the original length.</summary>
    public const int MaxRawJsonChars = 32 * 1024;

    /// <summary>Meta's own limit for a text body; a longer text cannot be a real message and is cut.</summary>
    public const int MaxTextChars = 4096;

    // Below this many characters an update's event is bounded by Estimate (see IsSmall).
    private const int SmallUpdateChars = 8 * 1024;

    // Events are JSON with escaped strings: a character can take up to six bytes (\uXXXX).
    private const int BytesPerChar = 6;
    private const int Overhead = 1024;

    /// <summary>An upper bound of the bytes the update's event takes in a commit.</summary>
    public static int Estimate(ConversationUpdate update) => update switch
    {
        // The text appears as the message's text and again in its typed content.
        InboundMessage message => Overhead + (BytesPerChar * (message.RawJson.Length + (2 * (message.Text?.Length ?? 0)))),
        StatusReport status => Overhead + (BytesPerChar * status.RawJson.Length),
        PreferenceReport preference => Overhead + (BytesPerChar * preference.RawJson.Length),
        MessageEditReport edit => Overhead + (BytesPerChar * (edit.RawJson.Length + (2 * (edit.Text?.Length ?? 0)))),
        ImportedMessage imported => Overhead + (BytesPerChar * (imported.RawJson.Length + (2 * (imported.Text?.Length ?? 0)))),
        MessageRevokeReport revoke => Overhead + (BytesPerChar * revoke.RawJson.Length),
        CallReport call => Overhead + (BytesPerChar * call.RawJson.Length),
        GroupEventReport group => Overhead + (BytesPerChar * (group.RawJson.Length + group.Summary.Length + (group.Subject?.Length ?? 0))),
        _ => Overhead,
    };

    /// <summary>
    /// Whether <see cref="Estimate"/> bounds the update's event: every field of an inbound message comes from its raw
    /// JSON, its text, its ids or the contact's profile name, so while those are short the event is short too. A longer update
    /// is measured as serialized instead (a mutated webhook can hide a large value in any field).
    /// </summary>
    public static bool IsSmall(ConversationUpdate update) => update switch
    {
        InboundMessage message => message.RawJson.Length + (message.Text?.Length ?? 0) + (message.ProfileName?.Length ?? 0)
            + message.MessageId.Length + message.Type.Length + (message.FromWaId?.Length ?? 0) + (message.FromUserId?.Length ?? 0) < SmallUpdateChars,
        StatusReport status => status.RawJson.Length < SmallUpdateChars,
        PreferenceReport preference => preference.RawJson.Length < SmallUpdateChars,

        // Their typed parts may hold values the raw JSON does not bound as simply: measured as serialized.
        MessageEditReport or ImportedMessage or MessageRevokeReport or CallReport or GroupEventReport => false,
        _ => true,
    };

    /// <summary>The update reduced to what a conversation must keep: id, sender, time, type and cut text.</summary>
    public static ConversationUpdate Strip(ConversationUpdate update) => update switch
    {
        InboundMessage message => message with
        {
            RawJson = Marker(message.RawJson),
            Text = Cut(message.Text),
            ProfileName = Cut(message.ProfileName),
            Content = null,
        },
        MessageEditReport edit => edit with { RawJson = Marker(edit.RawJson), Text = Cut(edit.Text), Content = null },
        ImportedMessage imported => imported with { RawJson = Marker(imported.RawJson), Text = Cut(imported.Text), Content = null },
        MessageRevokeReport revoke => revoke with { RawJson = Marker(revoke.RawJson) },
        CallReport call => call with { RawJson = Marker(call.RawJson) },
        GroupEventReport group => group with { RawJson = Marker(group.RawJson), Summary = Cut(group.Summary)!, Subject = Cut(group.Subject) },
        _ => update,
    };

    /// <summary>The update itself if it fits a commit, else a reduced copy that does (the reduction is marked).</summary>
    public static ConversationUpdate Fit(ConversationUpdate update)
    {
        if (Estimate(update) <= MaxCommitBytes)
        {
            return update;
        }

        return update switch
        {
            InboundMessage message => FitMessage(message),
            StatusReport status => status with { RawJson = Marker(status.RawJson) },
            PreferenceReport preference => preference with { RawJson = Marker(preference.RawJson) },
            MessageEditReport or ImportedMessage or MessageRevokeReport or CallReport or GroupEventReport => Strip(update),
            _ => update,
        };
    }

    private static InboundMessage FitMessage(InboundMessage message) => message with
    {
        RawJson = message.RawJson.Length > MaxRawJsonChars ? Marker(message.RawJson) : message.RawJson,
        Text = Cut(message.Text),
        Content = message.Content is { } content ? content with { Text = Cut(content.Text) } : null,
    };

    /// <summary>The text cut to <see cref="MaxTextChars"/>.</summary>
    public static string? Cut(string? text) => text is { Length: > MaxTextChars } ? text[..MaxTextChars] : text;

    /// <summary>What stands in for raw JSON too long to keep: a marker with the original length.</summary>
    public static string Marker(string rawJson) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"waapp_truncated":true,"original_length":{{rawJson.Length}}}""");
}
