using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.DynamoDB.Tests.Support;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.Tables;

[Collection(DynamoDBCollection.Name)]
public sealed class WaAppTablesTests(DynamoDBFixture fixture)
{
    [Fact]
    public void Every_table_has_the_prefix_and_is_billed_per_request()
    {
        var tables = WaAppTables.All("waapp-prod-");

        Assert.Equal(
            ["waapp-prod-OrleansSilos", "waapp-prod-OrleansGrainState", "waapp-prod-OrleansReminders", "waapp-prod-Events"],
            tables.Select(t => t.TableName));
        Assert.All(tables, t => Assert.Equal(BillingMode.PAY_PER_REQUEST, t.BillingMode));
        var reminders = tables.Single(t => t.TableName.EndsWith("Reminders", StringComparison.Ordinal));
        Assert.Equal(["ServiceIdGrainReferenceIndex", "ServiceIdIndex"], reminders.GlobalSecondaryIndexes.Select(i => i.IndexName).Order());
        Assert.Contains("dynamodb:PutItem", WaAppTables.RequiredActions);
    }

    [Fact]
    public async Task Created_tables_match_their_definitions_and_creating_again_is_harmless()
    {
        using var client = fixture.Server.CreateClient();
        var prefix = DynamoDBServer.UniqueTablePrefix("def");
        var options = new DynamoDBTableOptions { Service = fixture.ServiceUrl, TableStatusPollInterval = TimeSpan.FromMilliseconds(20) };
        foreach (var definition in WaAppTables.All(prefix))
        {
            await DynamoDBTableManager.EnsureTableAsync(client, definition, options, NullLogger.Instance, default);
            await DynamoDBTableManager.EnsureTableAsync(client, definition, options, NullLogger.Instance, default);

            var table = (await client.DescribeTableAsync(definition.TableName)).Table;
            Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
            Assert.Equal(Describe(definition.KeySchema), Describe(table.KeySchema));
            Assert.Equal(
                definition.AttributeDefinitions.Select(a => $"{a.AttributeName}:{a.AttributeType}").Order(),
                table.AttributeDefinitions.Select(a => $"{a.AttributeName}:{a.AttributeType}").Order());
            Assert.Equal(
                (definition.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName + Describe(i.KeySchema)).Order(),
                (table.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName + Describe(i.KeySchema)).Order());
        }
    }

    [Fact]
    public async Task A_missing_table_without_CreateIfNotExists_is_a_clear_error()
    {
        using var client = fixture.Server.CreateClient();
        var options = new DynamoDBTableOptions { Service = fixture.ServiceUrl, CreateIfNotExists = false, UpdateIfExists = true };
        var definition = WaAppTables.Events(DynamoDBServer.UniqueTablePrefix("none") + "Events");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DynamoDBTableManager.EnsureTableAsync(client, definition, options, NullLogger.Instance, default));

        Assert.Contains(definition.TableName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_every_problem_named()
    {
        var options = new DynamoDBStorageOptions
        {
            Service = " ",
            TableName = "",
            UseProvisionedThroughput = true,
            ReadCapacityUnits = 0,
            AccessKey = "only-the-access-key",
            TableStatusPollInterval = TimeSpan.Zero,
        };

        var error = Assert.Throws<OrleansConfigurationException>(() => new DynamoDBOptionsValidator<DynamoDBStorageOptions>(options, "store").ValidateConfiguration());

        Assert.Contains("'store'", error.Message, StringComparison.Ordinal);
        foreach (var expected in new[] { "Service", "TableName", "ReadCapacityUnits", "AccessKey", "TableStatusPollInterval" })
        {
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        new DynamoDBOptionsValidator<DynamoDBStorageOptions>(new DynamoDBStorageOptions(), "ok").ValidateConfiguration();
        Assert.Throws<OrleansConfigurationException>(() =>
            new DynamoDBOptionsValidator<DynamoDBEventStoreOptions>(new DynamoDBEventStoreOptions { TableName = " " }, "events").ValidateConfiguration());
    }

    private static string Describe(List<KeySchemaElement> keys) => string.Join(",", keys.Select(k => $"{k.AttributeName}:{k.KeyType}"));
}
