using Microsoft.Extensions.Logging;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Conversations;

namespace WaApp.Grains.Business;

/// <summary>
/// Recovery of what a crash lost. Reports are one-way and applied in memory until the next write, so a silo crash
/// loses the activity since: on activation the business asks the events table's activity index which of its
/// conversations committed since its state was written (<see cref="BusinessState.WrittenAt"/> less
/// <see cref="BusinessGrainOptions.RecoveryMargin"/>), and reads those whose commits its index does not cover yet,
/// from the store (never from the conversation grains, which may be waiting on this activation). Nothing of this runs
/// on the webhook path: the index is written by the append the message already costs.
/// </summary>
public sealed partial class BusinessGrain
{
    // Reads of conversations in flight at once while recovering.
    private const int RecoveryParallelism = 8;
    private const string ConversationStreamPrefix = "conversation/";

    // Conversations whose reports left a gap: read from the store from their counted version at the next tick.
    private readonly HashSet<string> _catchUp = new(StringComparer.Ordinal);

    // Recovery failed on activation (the store answered with an error); tried again at the next tick.
    private bool _recoveryPending;

    /// <summary>
    /// Recovers on activation. A store error does not fail the activation (the number's settings and sends must not
    /// depend on it): it is logged and tried again at the next tick.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RecoverChangedConversationsAsync(cancellationToken);
            _recoveryPending = false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _recoveryPending = true;
            LogRecoveryFailed(logger, exception, PhoneNumberId);
        }
    }

    private async Task RecoverChangedConversationsAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset since;
        if (!state.RecordExists)
        {
            since = clock.GetUtcNow() - _options.NewNumberRecoveryWindow;
        }
        else if (state.State.WrittenAt is { } writtenAt)
        {
            since = writtenAt - _options.RecoveryMargin;
        }
        else
        {
            // Written before recovery existed: without a watermark, conversations trimmed from the index could be
            // counted twice. Its next write sets one.
            return;
        }

        var changed = await ChangedSinceAsync(since, cancellationToken);
        if (changed.Count == 0)
        {
            return;
        }

        var recovered = 0;
        foreach (var chunk in changed.Chunk(RecoveryParallelism))
        {
            var read = await Task.WhenAll(chunk.Select(entry => conversationReader.ReadSinceAsync(
                new ConversationKey(PhoneNumberId, entry.ContactId), entry.CountedVersion, cancellationToken)));
            foreach (var activity in read.OfType<ConversationActivity>())
            {
                Apply(activity);
                recovered++;
            }
        }

        LogRecovered(logger, PhoneNumberId, recovered, since);
        if (_dirty)
        {
            // Written at once, so a recovered number is in the directory (listed) and a second crash starts later.
            await WriteAsync();
        }
    }

    /// <summary>
    /// The conversations with commits at or after <paramref name="since"/> that the index does not cover, each with
    /// the version its counters cover: the index entry's, or (for one not in the index) its first commit found, since
    /// a conversation reported before the last write would be in it.
    /// </summary>
    private async Task<List<(string ContactId, int CountedVersion)>> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (int FirstVersion, int LastVersion, DateTimeOffset LastCommit)>(StringComparer.Ordinal);
        var commits = 0;
        var prefix = ConversationStreamPrefix + PhoneNumberId + ":";
        await foreach (var commit in activityIndex.ReadActivityAsync(ConversationActivityKeys.ForBusiness(PhoneNumberId), since, cancellationToken))
        {
            if (++commits > _options.MaxRecoveryCommits)
            {
                LogRecoveryCapped(logger, PhoneNumberId, "commits", _options.MaxRecoveryCommits);
                break;
            }

            if (!commit.StreamId.StartsWith(prefix, StringComparison.Ordinal) || commit.StreamId.Length == prefix.Length)
            {
                continue;
            }

            var contactId = commit.StreamId[prefix.Length..];
            found[contactId] = found.TryGetValue(contactId, out var seen)
                ? (Math.Min(seen.FirstVersion, commit.Version), Math.Max(seen.LastVersion, commit.Version), Max(seen.LastCommit, commit.CommittedAt))
                : (commit.Version, commit.Version, commit.CommittedAt);
        }

        var conversations = state.State.Conversations;
        var changed = found
            .Select(pair => (ContactId: pair.Key, Commits: pair.Value, CountedVersion: conversations.TryGetValue(pair.Key, out var known) ? known.Version : pair.Value.FirstVersion))
            // The index lists every commit, so an entry at a version past the last commit found covers every commit
            // found: after a clean deactivation nothing is read.
            .Where(conversation => conversation.CountedVersion <= conversation.Commits.LastVersion)
            .OrderByDescending(conversation => conversation.Commits.LastCommit)
            .ToList();
        if (changed.Count > _options.MaxRecoveredConversations)
        {
            LogRecoveryCapped(logger, PhoneNumberId, "conversations", _options.MaxRecoveredConversations);
            changed.RemoveRange(_options.MaxRecoveredConversations, changed.Count - _options.MaxRecoveredConversations);
        }

        return changed.ConvertAll(conversation => (conversation.ContactId, conversation.CountedVersion));
    }

    /// <summary>Reads the conversations whose reports left a gap from the version the index counted, and applies them.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_recoveryPending)
        {
            await RecoverAsync(cancellationToken);
        }

        foreach (var contactId in _catchUp.ToList())
        {
            if (!state.State.Conversations.TryGetValue(contactId, out var known))
            {
                _catchUp.Remove(contactId);
                continue;
            }

            try
            {
                var activity = await conversationReader.ReadSinceAsync(new ConversationKey(PhoneNumberId, contactId), known.Version, cancellationToken);
                _catchUp.Remove(contactId);
                if (activity is not null)
                {
                    Apply(activity);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Kept for the next tick; the counters written meanwhile are short, never doubled.
                LogCatchUpFailed(logger, exception, PhoneNumberId);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 3013, EventName = "BusinessRecoveryFailed", Level = LogLevel.Warning,
        Message = "Business {PhoneNumberId} could not look for activity a crash lost; trying again at the next tick")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception, string phoneNumberId);

    [LoggerMessage(EventId = 3014, EventName = "BusinessCatchUpFailed", Level = LogLevel.Warning,
        Message = "Business {PhoneNumberId} could not read a conversation whose reports left a gap; trying again at the next tick")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string phoneNumberId);

    private static DateTimeOffset Max(DateTimeOffset left, DateTimeOffset right) => left >= right ? left : right;

    [LoggerMessage(EventId = 3011, EventName = "BusinessRecovered", Level = LogLevel.Information,
        Message = "Business {PhoneNumberId} read back {Conversations} conversations that changed since {Since} (activity a crash lost)")]
    private static partial void LogRecovered(ILogger logger, string phoneNumberId, int conversations, DateTimeOffset since);

    [LoggerMessage(EventId = 3012, EventName = "BusinessRecoveryCapped", Level = LogLevel.Warning,
        Message = "Business {PhoneNumberId} stopped recovering at {Limit} {What}; activity of the rest since its last write may be missing from its counters and list")]
    private static partial void LogRecoveryCapped(ILogger logger, string phoneNumberId, string what, int limit);
}
