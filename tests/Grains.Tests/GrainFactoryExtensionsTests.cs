using WaApp.Grains.Abstractions;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainFactoryExtensionsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_reference_by_key_addresses_the_same_grain_through_the_same_interface_as_Orleans_own()
    {
        var grains = fixture.Grains;
        foreach (var key in new[] { "15550001111|100200300400500", "ümlaut key" })
        {
            var ours = (GrainReference)(object)grains.GetGrainByKey<IConversationGrain>(key);
            var orleans = (GrainReference)(object)grains.GetGrain<IConversationGrain>(key);

            Assert.Equal(orleans.GrainId, ours.GrainId);
            Assert.Equal(orleans.InterfaceType, ours.InterfaceType);
        }

        // A second interface gets its own types, not the first one's.
        var business = (GrainReference)(object)grains.GetGrainByKey<IBusinessAccountGrain>("waba-1");
        Assert.Equal(((GrainReference)(object)grains.GetGrain<IBusinessAccountGrain>("waba-1")).GrainId, business.GrainId);

        // And it reaches the grain: a conversation nobody wrote to has no summary.
        var conversation = grains.GetGrainByKey<IConversationGrain>(new ConversationKey("100200300400500", "15550002222").ToString());
        Assert.Null(await conversation.GetSummaryAsync());
    }
}
