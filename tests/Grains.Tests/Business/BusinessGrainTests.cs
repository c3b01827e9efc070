using System.Globalization;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Tests.Business;

[Collection(ClusterCollection.Name)]
public sealed class BusinessGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ten_thousand_messages_across_a_thousand_conversations_give_exact_counters_and_an_ordered_index()
    {
        var (phoneNumberId, business) = NewBusiness();
        const int conversations = 1000;
        const int messagesEach = 10;

        // Activity times are a permutation of the contact numbers, so the index order differs from ingestion order.
        DateTimeOffset LastActivity(int contact) => T0.AddSeconds((contact * 7919) % conversations);
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async contact =>
        {
            var messages = Enumerable.Range(1, messagesEach).Select(i => new InboundMessage(
                $"wamid.{phoneNumberId}.{contact}.{i}", $"c{contact:0000}", null, LastActivity(contact).AddMilliseconds(i - messagesEach),
                i % 2 == 0 ? "text" : "image", $"m{i}", null, "{}")).ToList();
            await gate.WaitAsync();
            try
            {
                var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, $"c{contact:0000}").ToString());
                Assert.Equal(messagesEach, (await conversation.IngestAsync(messages)).Applied);
            }
            finally
            {
                gate.Release();
            }
        }));
        await WaitForAsync(async () => (await business.GetSummaryAsync())?.Counters.MessagesIn == conversations * messagesEach);
        await business.FlushAsync();

        await fixture.Cluster.DeactivateAsync(business);
        var summary = await business.GetSummaryAsync();
        var listed = await ListAllAsync(business, pageSize: 200);

        Assert.NotNull(summary);
        Assert.Equal(10_000, summary.Counters.MessagesIn);
        Assert.Equal(0, summary.Counters.MessagesOut);
        Assert.Equal(5_000, summary.Counters.ByType["text"]);
        Assert.Equal(5_000, summary.Counters.ByType["image"]);
        Assert.Equal(conversations, summary.Conversations);
        Assert.Equal(conversations, listed.Select(item => item.ContactId).Distinct().Count());
        Assert.All(listed, item => Assert.Equal((messagesEach, messagesEach), (item.Version, item.UnreadCount)));
        Assert.All(listed, item => Assert.Equal(LastActivity(int.Parse(item.ContactId[1..], CultureInfo.InvariantCulture)), item.LastActivityAt));
        Assert.Equal(listed.OrderByDescending(item => item.LastActivityAt).ThenBy(item => item.ContactId, StringComparer.Ordinal), listed);
        Assert.Contains(phoneNumberId, await fixture.Grains.GetGrain<IBusinessDirectoryGrain>(IBusinessDirectoryGrain.Key).ListAsync());
    }

    [Fact]
    public async Task Counters_and_statuses_survive_deactivation()
    {
        var (_, business) = NewBusiness();
        await business.ReportActivityAsync(new ConversationActivity(Snapshot("c1", 1), Counters(inbound: 2, type: "text")));
        await business.ReportActivityAsync(new ConversationActivity(Snapshot("c1", 2), Counters(outbound: 1, type: "text", status: "sent")));
        await WaitForAsync(async () => (await business.GetSummaryAsync())?.Counters.MessagesOut == 1);

        await fixture.Cluster.DeactivateAsync(business);
        var summary = await business.GetSummaryAsync();

        Assert.Equal(2, summary!.Counters.MessagesIn);
        Assert.Equal(1, summary.Counters.MessagesOut);
        Assert.Equal(1, summary.Counters.ByStatus["sent"]);
        Assert.Equal(3, summary.Counters.ByType["text"]);
    }

    [Fact]
    public async Task An_older_snapshot_arriving_late_does_not_roll_the_index_back()
    {
        var (_, business) = NewBusiness();
        await business.ReportActivityAsync(new ConversationActivity(Snapshot("c1", 5) with { UnreadCount = 0 }, MessageCounters.Zero));
        await business.ReportActivityAsync(new ConversationActivity(Snapshot("c1", 4) with { UnreadCount = 3 }, Counters(inbound: 1, type: "text")));
        await WaitForAsync(async () => (await business.GetSummaryAsync())?.Counters.MessagesIn == 1);

        var page = await business.ListConversationsAsync(new ConversationListQuery(10));

        Assert.Equal(0, Assert.Single(page.Items).UnreadCount);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_the_field_and_change_nothing()
    {
        var (_, business) = NewBusiness();
        var valid = new BusinessSettings { WelcomeMessage = "Welcome!", AutoMarkAsRead = true };
        Assert.Empty(await business.UpdateSettingsAsync(valid));

        var errors = await business.UpdateSettingsAsync(new BusinessSettings
        {
            KeywordReplies = [new KeywordReply(" ", "hi")],
            BusinessHours = new BusinessHours("Nowhere/Atlantis", [new OpeningPeriod(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))], "closed"),
        });
        await fixture.Cluster.DeactivateAsync(business);

        Assert.Equal(["keywordReplies[0].keyword", "businessHours.timeZone"], errors.Select(error => error.Field));
        Assert.Equal(valid, await business.GetSettingsAsync());
    }

    [Fact]
    public async Task Settings_survive_deactivation()
    {
        var (_, business) = NewBusiness();
        var settings = new BusinessSettings
        {
            KeywordReplies = [new KeywordReply("price", "See acme.example/prices")],
            BusinessHours = new BusinessHours(
                "America/New_York",
                [new OpeningPeriod(DayOfWeek.Friday, new TimeOnly(22, 0), new TimeOnly(2, 0))],
                "We are closed.",
                TimeSpan.FromHours(4)),
        };

        await business.UpdateSettingsAsync(settings);
        await fixture.Cluster.DeactivateAsync(business);
        var stored = await business.GetSettingsAsync();

        Assert.Equal(settings, stored);
        Assert.NotEqual(settings, stored with { KeywordReplies = [new KeywordReply("price", "changed")] });
    }

    [Fact]
    public async Task A_busy_number_with_long_names_and_previews_still_flushes_and_takes_settings_updates()
    {
        var (_, business) = NewBusiness();
        const int conversations = 2_500;

        // Realistic sizes: 12-digit wa_ids, long names and 85-character previews with accents (escaped in JSON): each
        // entry is several hundred bytes, so 2,000 of them are far beyond DynamoDB's 400 KB item.
        var name = "Maximiliana Alexandra Featherstonehaugh-Cholmondeley de la Cruz";
        var preview = "Olá! Gostaria de saber se a encomenda nº 4411 já foi enviada e quando chega à morada, obrigada."[..85];
        var contacts = Enumerable.Range(0, conversations).Select(i => $"3807{i:00000000}").ToList();
        foreach (var (contact, i) in contacts.Select((contact, i) => (contact, i)))
        {
            var at = T0.AddSeconds(i);
            var snapshot = new ConversationSnapshot(contact, 3, at, name, 2, true, "agent-with-a-long-identifier@example.com", at.AddHours(24),
                new MessagePreview("inbound", "text", preview, at));
            await business.ReportActivityAsync(new ConversationActivity(snapshot, Counters(inbound: 1, type: "text")));
        }

        await WaitForAsync(async () => (await business.GetSummaryAsync())?.Counters.MessagesIn == conversations);
        await business.FlushAsync();
        var welcome = new BusinessSettings { WelcomeMessage = "Добро пожаловать!", AutoMarkAsRead = true };
        Assert.Empty(await business.UpdateSettingsAsync(welcome));

        await fixture.Cluster.DeactivateAsync(business);
        var summary = await business.GetSummaryAsync();
        var listed = await ListAllAsync(business, pageSize: 200);

        Assert.Equal(welcome, await business.GetSettingsAsync());
        Assert.Equal(conversations, summary!.Counters.MessagesIn);
        Assert.InRange(listed.Count, 150, 2_000);
        Assert.Equal(summary.Conversations, listed.Count);

        // The most recently active ones are kept; the oldest dropped out of the list.
        Assert.Equal(contacts.AsEnumerable().Reverse().Take(listed.Count), listed.Select(item => item.ContactId));
    }

    [Fact]
    public async Task Settings_stay_in_their_own_item_and_the_index_keeps_working_after_an_update()
    {
        var (_, business) = NewBusiness();
        await business.ReportActivityAsync(new ConversationActivity(Snapshot("c1", 1), Counters(inbound: 1, type: "text")));
        var settings = new BusinessSettings { WelcomeMessage = "Hello!" };
        Assert.Empty(await business.UpdateSettingsAsync(settings));
        await business.FlushAsync();

        await fixture.Cluster.DeactivateAsync(business);

        Assert.Equal(settings, await business.GetSettingsAsync());
        Assert.Equal(1, (await business.GetSummaryAsync())!.Conversations);
    }

    [Fact]
    public async Task A_number_never_seen_has_no_summary()
    {
        var (_, business) = NewBusiness();

        Assert.Null(await business.GetSummaryAsync());
    }

    [Fact]
    public async Task Metadata_from_webhooks_is_kept()
    {
        var (_, business) = NewBusiness();
        await business.ObserveMetadataAsync(new BusinessMetadata("+1 555-0100", "102290129340398"));
        await business.ObserveMetadataAsync(new BusinessMetadata(null, null));
        await WaitForAsync(async () => (await business.GetSummaryAsync())?.WabaId is not null);

        await fixture.Cluster.DeactivateAsync(business);
        var summary = await business.GetSummaryAsync();

        Assert.Equal("+1 555-0100", summary!.DisplayPhoneNumber);
        Assert.Equal("102290129340398", summary.WabaId);
    }

    private (string PhoneNumberId, IBusinessGrain Grain) NewBusiness()
    {
        var phoneNumberId = "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        return (phoneNumberId, fixture.Grains.GetGrain<IBusinessGrain>(phoneNumberId));
    }

    private static ConversationSnapshot Snapshot(string contactId, int version) =>
        new(contactId, version, T0.AddMinutes(version), "Ana", 1, true, null, T0.AddHours(24));

    private static MessageCounters Counters(long inbound = 0, long outbound = 0, string? type = null, string? status = null) =>
        MessageCounters.Zero with
        {
            MessagesIn = inbound,
            MessagesOut = outbound,
            ByType = type is null ? new Dictionary<string, long>() : new Dictionary<string, long> { [type] = inbound + outbound },
            ByStatus = status is null ? new Dictionary<string, long>() : new Dictionary<string, long> { [status] = 1 },
        };

    private static async Task<List<ConversationSnapshot>> ListAllAsync(IBusinessGrain business, int pageSize)
    {
        var all = new List<ConversationSnapshot>();
        ConversationCursor? cursor = null;
        do
        {
            var page = await business.ListConversationsAsync(new ConversationListQuery(pageSize, cursor));
            all.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);
        return all;
    }

    // One-way reports are queued behind each other; wait until the last one is applied.
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met within 30 seconds.");
            await Task.Delay(50);
        }
    }
}
