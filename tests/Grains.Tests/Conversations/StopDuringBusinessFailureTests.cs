using Amazon.DynamoDBv2.Model;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>
/// A STOP whose business grain fails while the conversation decides what the STOP means: nothing is stored, so Meta's
/// redelivery (the webhook was not answered 200) runs the decision again and the opt-out holds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StopDuringBusinessFailureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_stop_that_arrives_while_the_business_grain_fails_opts_the_customer_out_on_redelivery()
    {
        var phoneNumberId = "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        var customer = "1555" + Random.Shared.Next(1_000_000, 9_999_999);
        var business = fixture.Grains.GetGrain<IBusinessGrain>(phoneNumberId);
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, customer).ToString());
        var stop = new InboundMessage("wamid." + Guid.NewGuid().ToString("N"), customer, null, DateTimeOffset.UtcNow, "text", "STOP", "Ana", "{}");

        // The business's stored settings cannot be read (a storage fault or a bad item): its activation fails.
        Assert.Empty(await business.UpdateSettingsAsync(BusinessSettings.Default));
        using var dynamo = fixture.Dynamo.CreateClient();
        var stored = await dynamo.ScanAsync(new ScanRequest
        {
            TableName = fixture.GrainStateTable,
            FilterExpression = "GrainType = :type AND contains(GrainReference, :grain)",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":type"] = new("business-settings"),
                [":grain"] = new(business.GetGrainId().ToString()),
            },
        });
        var key = Assert.Single(stored.Items).Where(pair => pair.Key is "GrainReference" or "GrainType").ToDictionary();
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.GrainStateTable,
            Key = key,
            UpdateExpression = "SET GrainState = :garbage",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":garbage"] = new() { B = new MemoryStream("not the settings"u8.ToArray()) } },
        });
        await fixture.Cluster.DeactivateAsync(business);
        await Assert.ThrowsAnyAsync<Exception>(() => business.GetSettingsAsync());

        await Assert.ThrowsAnyAsync<Exception>(() => conversation.IngestAsync([stop]));

        // The fault clears; Meta redelivers the same webhook.
        await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = fixture.GrainStateTable, Key = key });
        var redelivery = await conversation.IngestAsync([stop]);
        var summary = await conversation.GetSummaryAsync();
        var refused = await conversation.SendMessageAsync(new SendMessageCommand("after-stop", new TextContent("But we have a sale!")));

        Assert.Equal(1, redelivery.Applied);
        Assert.True(summary!.OptedOut);
        Assert.Equal(SendDisposition.OptedOut, refused.Disposition);
    }
}
