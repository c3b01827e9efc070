using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Tests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_message_delivered_twice_is_stored_once()
    {
        var grain = NewConversation(out _);
        var message = Text("wamid.once", "Hello");

        var first = await grain.IngestAsync([message]);
        var redelivery = await grain.IngestAsync([message, message]);

        Assert.Equal(new IngestResult(Applied: 1, Duplicates: 0, Version: 1), first);
        Assert.Equal(new IngestResult(Applied: 0, Duplicates: 2, Version: 1), redelivery);
        var page = await grain.GetMessagesAsync(new MessagePageQuery(50));
        Assert.Equal("Hello", Assert.Single(page!.Items).Text);
    }

    [Fact]
    public async Task A_conversation_rebuilt_after_deactivation_equals_the_one_before()
    {
        var grain = NewConversation(out _);
        await grain.IngestAsync([Text("wamid.a", "one"), Text("wamid.b", "two")]);
        await grain.IngestAsync([Text("wamid.c", "three")]);
        var before = await grain.GetMessagesAsync(new MessagePageQuery(50));

        await fixture.Cluster.DeactivateAsync(grain);
        var after = await grain.GetMessagesAsync(new MessagePageQuery(50));

        Assert.Equal(before!.Items, after!.Items);
        Assert.Equal(["one", "two", "three"], after.Items.Select(item => item.Text));
        // The rebuilt conversation still recognises earlier messages.
        Assert.Equal(0, (await grain.IngestAsync([Text("wamid.b", "two")])).Applied);
    }

    [Fact]
    public async Task Messages_page_towards_older_ones_newest_last()
    {
        var grain = NewConversation(out _);
        await grain.IngestAsync([.. Enumerable.Range(1, 5).Select(i => Text($"wamid.{i}", $"m{i}"))]);

        var newest = await grain.GetMessagesAsync(new MessagePageQuery(2));
        var older = await grain.GetMessagesAsync(new MessagePageQuery(2, newest!.OlderBefore));
        var oldest = await grain.GetMessagesAsync(new MessagePageQuery(2, older!.OlderBefore));

        Assert.Equal(["m4", "m5"], newest.Items.Select(item => item.Text));
        Assert.Equal(["m2", "m3"], older.Items.Select(item => item.Text));
        Assert.Equal(["m1"], oldest!.Items.Select(item => item.Text));
        Assert.Null(oldest.OlderBefore);
    }

    [Fact]
    public async Task An_unknown_conversation_has_no_messages()
    {
        var grain = NewConversation(out _);

        Assert.Null(await grain.GetMessagesAsync(new MessagePageQuery(50)));
    }

    private IConversationGrain NewConversation(out ConversationKey key)
    {
        key = new ConversationKey("117283940561728", "c" + Guid.NewGuid().ToString("N")[..12]);
        return fixture.Grains.GetGrain<IConversationGrain>(key.ToString());
    }

    private static InboundMessage Text(string id, string text) =>
        new(id, "14155550123", null, DateTimeOffset.FromUnixTimeSeconds(1795419000), "text", text, "Ana", $$"""{"id":"{{id}}"}""");
}
