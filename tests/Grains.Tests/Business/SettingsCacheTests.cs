using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Business;

namespace WaApp.Grains.Tests.Business;

/// <summary>
/// Each silo keeps a number's settings in memory instead of asking the business per message; the business tells every
/// silo of a change before acknowledging it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SettingsCacheTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.UtcNow.AddMinutes(-30);

    [Fact]
    public async Task A_settings_change_answers_the_next_message_on_every_silo()
    {
        var phoneNumberId = "3" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        var business = fixture.Grains.GetGrain<IBusinessGrain>(phoneNumberId);
        var conversations = Enumerable.Range(0, 16)
            .Select(_ => new ConversationKey(phoneNumberId, "c" + Guid.NewGuid().ToString("N")[..12]))
            .ToList();
        var grains = conversations.ConvertAll(key => fixture.Grains.GetGrain<IConversationGrain>(key.ToString()));
        Assert.Empty(await business.UpdateSettingsAsync(new BusinessSettings { KeywordReplies = [new KeywordReply("price", "Prices: old list")] }));
        // Every conversation's silo reads the settings now and keeps them.
        await Task.WhenAll(conversations.Select((key, i) => grains[i].IngestAsync([Text("wamid.old." + key.ContactId, "price?", SentAt)])));

        Assert.Empty(await business.UpdateSettingsAsync(new BusinessSettings { KeywordReplies = [new KeywordReply("price", "Prices: new list")] }));
        await Task.WhenAll(conversations.Select((key, i) => grains[i].IngestAsync([Text("wamid.new." + key.ContactId, "price now?", SentAt.AddMinutes(1))])));

        foreach (var grain in grains)
        {
            var page = await grain.GetMessagesAsync(new MessagePageQuery(50));
            Assert.Equal(["price?", "Prices: old list", "price now?", "Prices: new list"], page!.Items.Select(item => item.Text));
        }
    }

    [Fact]
    public async Task Every_silo_holding_the_settings_has_the_new_ones_when_the_update_is_acknowledged()
    {
        var phoneNumberId = "3" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        var business = fixture.Grains.GetGrain<IBusinessGrain>(phoneNumberId);
        var caches = fixture.Cluster.Silos.OfType<InProcessSiloHandle>()
            .Select(silo => silo.SiloHost.Services.GetRequiredService<BusinessSettingsCache>())
            .ToList();
        var before = new BusinessSettings { WelcomeMessage = "Hello" };
        var after = new BusinessSettings { WelcomeMessage = "Hello again" };
        Assert.Empty(await business.UpdateSettingsAsync(before));
        var held = await Task.WhenAll(caches.Select(cache => cache.GetAsync(phoneNumberId).AsTask()));

        Assert.Empty(await business.UpdateSettingsAsync(after));
        var now = await Task.WhenAll(caches.Select(cache => cache.GetAsync(phoneNumberId).AsTask()));
        await fixture.Cluster.DeactivateAsync(business);
        var afterDeactivation = await Task.WhenAll(caches.Select(cache => cache.GetAsync(phoneNumberId).AsTask()));

        Assert.Equal(2, caches.Count);
        Assert.All(held, settings => Assert.Equal(before, settings));
        Assert.All(now, settings => Assert.Equal(after, settings));
        Assert.All(afterDeactivation, settings => Assert.Equal(after, settings));
    }

    private static InboundMessage Text(string id, string text, DateTimeOffset sentAt) =>
        new(id, "14155550123", null, sentAt, "text", text, "Ana", $$"""{"id":"{{id}}"}""");
}
