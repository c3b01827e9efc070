using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.LiveFeed;
using WaApp.Grains.Conversations;
using WaApp.Grains.LiveFeed;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Business;

/// <summary>
/// A business phone number. Activity reports from its conversations change only memory; a timer writes the state
/// when something changed, and deactivation writes what is left, so a busy number costs one write per
/// <see cref="BusinessGrainOptions.FlushInterval"/>, not one per message. Settings are a separate item written only
/// when they change, so a full index can never make a settings update fail. What a crash loses between two writes
/// is read back from the conversations on the next activation (<c>BusinessGrain.Recovery.cs</c>).
/// </summary>
public sealed partial class BusinessGrain(
    [PersistentState("business")] IPersistentState<BusinessState> state,
    [PersistentState("business-settings")] IPersistentState<BusinessSettingsState> settings,
    IOptions<BusinessGrainOptions> options,
    ILiveFeedPublisher liveFeed,
    IStreamActivityIndex activityIndex,
    ConversationActivityReader conversationReader,
    TimeProvider clock,
    ILogger<BusinessGrain> logger)
    : Grain, IBusinessGrain
{
    private readonly BusinessGrainOptions _options = options.Value;

    // The window expiry each conversation was last warned about, so one window gets one warning.
    private readonly Dictionary<string, DateTimeOffset> _windowWarnings = new(StringComparer.Ordinal);

    // Stored size of each index entry as last measured, so a flush measures only the entries that changed.
    private readonly Dictionary<ConversationSnapshot, int> _entrySizes = new(ReferenceEqualityComparer.Instance);
    private bool _dirty;

    private string PhoneNumberId => this.GetPrimaryKeyString();

    private bool Known => state.RecordExists || _dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!settings.RecordExists && state.State.Settings is { } carried)
        {
            // Written before settings had their own item: use them; the next write moves them over.
            settings.State.Settings = carried;
        }

        this.RegisterGrainTimer(FlushIfDirtyAsync, new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval));
        this.RegisterGrainTimer(WarnOfExpiringWindows, new GrainTimerCreationOptions(_options.WindowCheckInterval, _options.WindowCheckInterval));
        if (state.State.Deactivated)
        {
            // The last activation ended cleanly: nothing to recover, and no reads of a busy number's recent
            // conversations in front of its first message. One write per activation (not per message) records that a
            // crash from now on must be recovered, from now: a report committed while no activation ran would have
            // activated one.
            state.State.Deactivated = false;
            state.State.WrittenAt = clock.GetUtcNow();
            await state.WriteStateAsync();
            return;
        }

        await RecoverAsync(cancellationToken);
    }

    /// <summary>
    /// Tells live clients which customer-service windows close within <see cref="BusinessGrainOptions.WindowExpiringNotice"/>,
    /// from the conversation index this grain already holds (no timer per conversation).
    /// </summary>
    private Task WarnOfExpiringWindows()
    {
        if (!liveFeed.IsWatched(PhoneNumberId))
        {
            return Task.CompletedTask;
        }

        var now = clock.GetUtcNow();
        var frames = new List<LiveFrame>();
        foreach (var conversation in state.State.Conversations.Values)
        {
            if (conversation.WindowExpiresAt is { } expiresAt
                && expiresAt > now
                && expiresAt - now <= _options.WindowExpiringNotice
                && _windowWarnings.GetValueOrDefault(conversation.ContactId) != expiresAt)
            {
                _windowWarnings[conversation.ContactId] = expiresAt;
                frames.Add(new LiveFrame(LiveFrameTypes.WindowExpiring, PhoneNumberId, conversation.Version, now, conversation, Message: null));
            }
        }

        liveFeed.Publish(PhoneNumberId, frames);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await TellWatchersToForgetAsync();
        try
        {
            if (Known)
            {
                // Everything reported is in this write: the next activation need not recover.
                state.State.Deactivated = true;
                _dirty = true;
            }

            await FlushIfDirtyAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            state.State.Deactivated = false;
            LogFlushFailed(logger, exception, PhoneNumberId);
        }
    }

    public Task ReportActivityAsync(ConversationActivity activity)
    {
        Apply(activity);
        return Task.CompletedTask;
    }

    public Task ReportActivitiesAsync(IReadOnlyList<ConversationActivity> activities)
    {
        foreach (var activity in activities)
        {
            Apply(activity);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Counts each conversation event once: an index entry's version is what its counters cover, so a report that
    /// starts there is added, one already covered (repeated, reordered, or read back by recovery) changes nothing,
    /// and one that leaves a gap (a report lost, or arriving out of order) has the conversation read from the store
    /// from the counted version (<see cref="CatchUpAsync"/>). A conversation not in the index counts as reported.
    /// </summary>
    private void Apply(ConversationActivity activity)
    {
        var current = state.State;
        var snapshot = activity.Conversation;
        if (current.Conversations.TryGetValue(snapshot.ContactId, out var known) && activity.FromVersion >= 0)
        {
            if (snapshot.Version <= known.Version)
            {
                return;
            }

            if (activity.FromVersion != known.Version)
            {
                _catchUp.Add(snapshot.ContactId);
                return;
            }
        }

        current.Counters = current.Counters.Add(activity.Added);
        if (known is null || snapshot.Version >= known.Version)
        {
            current.Conversations[snapshot.ContactId] = snapshot;
        }

        _dirty = true;
    }

    public Task ObserveMetadataAsync(BusinessMetadata metadata)
    {
        var current = state.State;
        if ((metadata.DisplayPhoneNumber is { } display && display != current.DisplayPhoneNumber)
            || (metadata.WabaId is { } waba && waba != current.WabaId))
        {
            current.DisplayPhoneNumber = metadata.DisplayPhoneNumber ?? current.DisplayPhoneNumber;
            current.WabaId = metadata.WabaId ?? current.WabaId;
            _dirty = true;
        }

        return Task.CompletedTask;
    }

    public Task<BusinessSummary?> GetSummaryAsync()
    {
        if (!Known)
        {
            return Task.FromResult<BusinessSummary?>(null);
        }

        var current = state.State;
        DateTimeOffset? lastActivity = current.Conversations.Count == 0 ? null : current.Conversations.Values.Max(conversation => conversation.LastActivityAt);
        return Task.FromResult<BusinessSummary?>(new BusinessSummary(
            PhoneNumberId, current.DisplayPhoneNumber, current.WabaId, current.Counters, current.Conversations.Count, lastActivity));
    }

    public Task<BusinessSettings> GetSettingsAsync() => Task.FromResult(settings.State.Settings);

    public async Task<IReadOnlyList<SettingsFieldError>> UpdateSettingsAsync(BusinessSettings updated)
    {
        var errors = BusinessSettingsValidator.Validate(updated);
        if (errors.Count > 0)
        {
            return errors;
        }

        await RegisterAsync();
        var previous = settings.State.Settings;
        settings.State.Settings = updated;
        try
        {
            await settings.WriteStateAsync();
        }
        catch
        {
            settings.State.Settings = previous;
            throw;
        }

        // Acknowledged only once every silo holding the number's settings has the new ones.
        await TellWatchersOfChangeAsync(updated);
        return [];
    }

    public Task<ConversationListPage> ListConversationsAsync(ConversationListQuery query) =>
        Task.FromResult(ConversationIndex.Page(state.State.Conversations.Values, query));

    public Task FlushAsync() => FlushIfDirtyAsync(CancellationToken.None);

    private async Task FlushIfDirtyAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        if (_dirty)
        {
            await WriteAsync();
        }
    }

    private async Task WriteAsync()
    {
        ConversationIndex.Trim(state.State.Conversations, _options.MaxIndexedConversations, _options.MaxIndexBytes, EntrySize);
        if (_entrySizes.Count > state.State.Conversations.Count)
        {
            // Forget replaced and dropped entries.
            var current = state.State.Conversations.Values.ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var stale in _entrySizes.Keys.Where(entry => !current.Contains(entry)).ToList())
            {
                _entrySizes.Remove(stale);
            }
        }
        await RegisterAsync();
        if (state.State.Settings is not null)
        {
            // Carry settings stored with the index over to their own item before the index stops holding them.
            if (!settings.RecordExists)
            {
                await settings.WriteStateAsync();
            }

            state.State.Settings = null;
        }

        // Activity reported while the write is in flight marks the state dirty again for the next tick; it is also
        // after this time, so recovery finds it.
        _dirty = false;
        state.State.WrittenAt = clock.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }

    private int EntrySize(ConversationSnapshot entry)
    {
        if (!_entrySizes.TryGetValue(entry, out var size))
        {
            _entrySizes[entry] = size = ConversationIndex.StoredSize(entry);
        }

        return size;
    }

    private async Task RegisterAsync()
    {
        if (!state.State.Registered)
        {
            await GrainFactory.GetGrain<IBusinessDirectoryGrain>(IBusinessDirectoryGrain.Key).RegisterAsync(PhoneNumberId);
            state.State.Registered = true;
            _dirty = true;
        }
    }

    [LoggerMessage(EventId = 3001, EventName = "BusinessFlushFailed", Level = LogLevel.Warning,
        Message = "Business {PhoneNumberId} could not write its counters on deactivation; activity since the last flush is lost")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string phoneNumberId);
}
