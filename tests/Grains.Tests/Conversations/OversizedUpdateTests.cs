using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>No event is raised that the store cannot hold: an update too large even reduced is refused, the rest stored.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OversizedUpdateTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_message_hiding_a_huge_value_outside_its_text_is_stored_reduced_and_the_batch_goes_on()
    {
        var grain = NewConversation();
        var huge = new string('x', 480_000);
        // A mutated webhook: the text is short, the location name (typed content) and the raw JSON are huge; cutting
        // the text and the raw JSON alone would still leave an event over DynamoDB's item limit.
        var oversized = Text("wamid.big.1", "hi") with
        {
            RawJson = $$$"""{"id":"wamid.big.1","location":{"name":"{{{huge}}}"}}""",
            Content = new MessageContent { Location = new SharedLocation(1, 2, huge, null, null) },
        };

        var result = await grain.IngestAsync([oversized, Text("wamid.big.2", "after")]);

        Assert.Equal(new IngestResult(Applied: 2, Duplicates: 0, Version: 2), result);
        var page = await grain.GetMessagesAsync(new MessagePageQuery(50));
        Assert.Equal(["wamid.big.1", "wamid.big.2"], page!.Items.Select(item => item.Id));
    }

    [Fact]
    public async Task An_update_too_large_even_reduced_is_refused_and_the_rest_of_the_batch_is_stored()
    {
        var grain = NewConversation();
        // Only the profile name of a contact could still be this large after the message is reduced.
        var refused = Text("wamid.huge.1", "hi") with { ProfileName = null, FromUserId = new string('u', 480_000) };

        var result = await grain.IngestAsync([refused, Text("wamid.huge.2", "after")]);

        Assert.Equal(1, result.Applied);
        Assert.Equal(1, result.Version);
        var again = await grain.IngestAsync([Text("wamid.huge.3", "still writable")]);
        Assert.Equal(2, again.Version);
    }

    private IConversationGrain NewConversation() =>
        fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey("117283940561728", "o" + Guid.NewGuid().ToString("N")[..12]).ToString());

    private static InboundMessage Text(string id, string text) =>
        new(id, "14155550123", null, DateTimeOffset.FromUnixTimeSeconds(1795419000), "text", text, "Ana", $$"""{"id":"{{id}}"}""");
}
