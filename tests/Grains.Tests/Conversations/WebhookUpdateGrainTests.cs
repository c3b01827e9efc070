using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>Webhook updates through the grains of a real (in-process) cluster on dynalite.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WebhookUpdateGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795419700);

    [Fact]
    public async Task Statuses_reactions_and_preferences_are_recorded_once_whatever_the_batching()
    {
        var grain = fixture.Grains.GetGrain<IConversationGrain>($"117283940561728:c{Guid.NewGuid():N}");
        var sent = Status("wamid.OUT1", "sent", T0);
        var read = Status("wamid.OUT1", "read", T0.AddSeconds(60));
        var reaction = Reaction("wamid.R1", "wamid.OUT1", "🙏");
        var stop = new PreferenceReport("marketing_messages", "stop", null, T0, "{}");

        var first = await grain.IngestAsync([read, reaction, read, stop]);
        var redelivered = await grain.IngestAsync([stop, sent, reaction, read]);

        Assert.Equal(new IngestResult(Applied: 3, Duplicates: 1, Version: 3), first);
        Assert.Equal(new IngestResult(Applied: 1, Duplicates: 3, Version: 4), redelivered);
    }

    [Fact]
    public async Task A_conversation_rebuilt_from_storage_still_knows_its_statuses_and_reactions()
    {
        var grain = fixture.Grains.GetGrain<IConversationGrain>($"117283940561728:c{Guid.NewGuid():N}");
        await grain.IngestAsync([Status("wamid.OUT2", "delivered", T0), Reaction("wamid.R2", "wamid.OUT2", "👍")]);

        await fixture.Cluster.DeactivateAsync(grain);
        var again = await grain.IngestAsync([Status("wamid.OUT2", "delivered", T0), Reaction("wamid.R2", "wamid.OUT2", "👍")]);

        Assert.Equal(0, again.Applied);
        Assert.Equal(2, again.Duplicates);
    }

    [Fact]
    public async Task A_conversation_restored_from_a_snapshot_still_recognises_every_update()
    {
        // More events than the snapshot interval (100), so the rebuild reads a JSON snapshot plus later events.
        var grain = fixture.Grains.GetGrain<IConversationGrain>($"117283940561728:c{Guid.NewGuid():N}");
        List<ConversationUpdate> updates =
        [
            .. Enumerable.Range(0, 110).Select(i => Status($"wamid.S{i}", i % 2 == 0 ? "sent" : "failed", T0.AddSeconds(i))),
            Reaction("wamid.R9", "wamid.S1", "🎉"),
            new PreferenceReport("marketing_messages", "stop", "User requested to stop", T0, "{}"),
        ];
        await grain.IngestAsync(updates[..60]);
        await grain.IngestAsync(updates[60..]);

        await fixture.Cluster.DeactivateAsync(grain);
        var redelivery = await grain.IngestAsync(updates);

        Assert.Equal(new IngestResult(Applied: 0, Duplicates: 112, Version: 112), redelivery);
    }

    [Fact]
    public async Task A_business_account_stores_a_notice_once()
    {
        var account = fixture.Grains.GetGrain<IBusinessAccountGrain>("waba-" + Guid.NewGuid().ToString("N"));
        var approved = new BusinessNotice("message_template_status_update", "APPROVED", T0, null, "order_shipped_v2", null, """{"event":"APPROVED"}""");

        Assert.Equal(1, await account.RecordAsync([approved]));
        Assert.Equal(0, await account.RecordAsync([approved]));

        Assert.Equal("order_shipped_v2", Assert.Single(await account.GetNoticesAsync(10)).Subject);
    }

    [Fact]
    public async Task A_contact_learns_its_name_and_number_change_one_way()
    {
        var contactId = "1555" + Random.Shared.Next(1_000_000, 9_999_999);
        var contact = fixture.Grains.GetGrain<IContactGrain>(contactId);

        await contact.ObserveAsync(new ContactObservation("117283940561728", "Ana Ruiz", null, contactId, null, T0));
        await contact.ObserveAsync(new ContactObservation("117283940561728", null, null, null, null, T0.AddMinutes(1),
            new ContactIdentityChange("user_changed_number", "14155550199", null, "wamid.SYS")));

        // One-way calls may be handled in either order; both must land.
        var profile = await EventuallyAsync(contact.GetProfileAsync, p => p is { ReplacedBy: not null, ProfileName: not null });
        Assert.Equal("Ana Ruiz", profile?.ProfileName);
        Assert.Equal("14155550199", profile?.ReplacedBy);
        Assert.Contains(contactId, profile!.Aliases);
    }

    private static StatusReport Status(string id, string status, DateTimeOffset at) =>
        new(id, status, at, "14155550123", null, null, null, null, null, $$"""{"id":"{{id}}","status":"{{status}}"}""");

    private static InboundMessage Reaction(string id, string target, string emoji) =>
        new(id, "14155550123", null, T0, "reaction", emoji, "Ana", "{}", new MessageContent { Reaction = new Reaction(target, emoji) });

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}
