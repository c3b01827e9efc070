using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Business;

namespace WaApp.Grains.Tests.Business;

/// <summary>Settings stored inside the business item (before they had an item of their own) are kept and moved over.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LegacySettingsTests(ClusterFixture fixture)
{
    // How Orleans' System.Text.Json grain-state serializer writes (compact, PascalCase, nulls left out).
    private static readonly JsonSerializerOptions StoredForm = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [Fact]
    public async Task Settings_stored_with_the_index_by_an_earlier_version_are_read_and_moved_to_their_own_item()
    {
        var phoneNumberId = "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        var business = fixture.Grains.GetGrain<IBusinessGrain>(phoneNumberId);
        await business.ObserveMetadataAsync(new BusinessMetadata("+1 555-0100", "102290129340398"));
        await business.FlushAsync();
        await fixture.Cluster.DeactivateAsync(business);

        // Rewrite the stored business item as an earlier version wrote it: settings inside, no settings item.
        var legacy = new BusinessSettings { WelcomeMessage = "Welcome to Acme!", AutoMarkAsRead = true };
        using var dynamo = fixture.Dynamo.CreateClient();
        var key = Assert.IsType<Dictionary<string, AttributeValue>>(await KeyAsync(dynamo, business, "business"));
        var old = new BusinessState { DisplayPhoneNumber = "+1 555-0100", WabaId = "102290129340398", Settings = legacy, Registered = true };
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.GrainStateTable,
            Key = key,
            UpdateExpression = "SET GrainState = :state",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":state"] = new() { B = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(old, StoredForm)) } },
        });

        Assert.Equal(legacy, await business.GetSettingsAsync());

        await business.ObserveMetadataAsync(new BusinessMetadata("+1 555-0199", null));
        await business.FlushAsync();
        await fixture.Cluster.DeactivateAsync(business);

        Assert.Equal(legacy, await business.GetSettingsAsync());
        Assert.NotNull(await KeyAsync(dynamo, business, "business-settings"));
        var stored = await dynamo.GetItemAsync(new GetItemRequest { TableName = fixture.GrainStateTable, Key = key, ConsistentRead = true });
        Assert.DoesNotContain("Welcome to Acme!", Encoding.UTF8.GetString(stored.Item["GrainState"].B.ToArray()), StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, AttributeValue>?> KeyAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, IBusinessGrain business, string stateName) =>
        await fixture.FindGrainStateKeyAsync(dynamo, business, stateName);
}
