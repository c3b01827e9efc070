using Amazon.DynamoDBv2.Model;
using WaApp.Deployment.Tests.Support;
using WaApp.DynamoDB.Tables;

namespace WaApp.Deployment.Tests;

/// <summary>The stack must declare exactly the tables the code creates, and allow exactly the actions it calls.</summary>
public sealed class CloudFormationTablesTests
{
    private const string Prefix = "waapp-test-";

    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load();

    private static readonly Dictionary<string, string> Variables = new() { ["TablePrefix"] = Prefix };

    [Fact]
    public void Stack_declares_exactly_the_tables_the_code_creates()
    {
        var expected = WaAppTables.All(Prefix).ToDictionary(table => table.TableName);
        var declared = Template.OfType("AWS::DynamoDB::Table")
            .ToDictionary(table => CloudFormationTemplate.Text(table["TableName"], Variables));

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), declared.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, code) in expected)
        {
            var table = declared[name];
            Assert.Equal(code.BillingMode.Value, table["BillingMode"]);
            Assert.Equal(Keys(code.KeySchema), Keys(table["KeySchema"], name));
            Assert.Equal(
                code.AttributeDefinitions.Select(attribute => $"{attribute.AttributeName}:{attribute.AttributeType.Value}").Order(StringComparer.Ordinal),
                YamlDocument.Sequence(table["AttributeDefinitions"], $"{name}.AttributeDefinitions")
                    .Select(item => YamlDocument.Mapping(item, "attribute"))
                    .Select(attribute => $"{attribute["AttributeName"]}:{attribute["AttributeType"]}")
                    .Order(StringComparer.Ordinal));
            Assert.Equal(Indexes(code), Indexes(table));
        }
    }

    [Fact]
    public void Event_and_grain_state_tables_keep_point_in_time_recovery()
    {
        var protectedTables = Template.OfType("AWS::DynamoDB::Table")
            .Where(table => table["PointInTimeRecoverySpecification"] is IReadOnlyDictionary<string, object?> recovery
                && recovery.GetValueOrDefault("PointInTimeRecoveryEnabled") as string == "true")
            .Select(table => CloudFormationTemplate.Text(table["TableName"], Variables))
            .Order(StringComparer.Ordinal);

        var codeNames = WaAppTables.All(Prefix).Select(table => table.TableName).ToList();
        Assert.Equal([$"{Prefix}Events", $"{Prefix}OrleansGrainState"], protectedTables);
        Assert.Contains($"{Prefix}Events", codeNames);
        Assert.Contains($"{Prefix}OrleansGrainState", codeNames);
    }

    [Fact]
    public void Policy_allows_exactly_the_dynamodb_actions_the_code_calls()
    {
        var stackActions = IamPolicyFileTests.StackActions(IamPolicyFileTests.StackDynamoDBStatement());

        Assert.Equal(WaAppTables.RequiredActions.Order(StringComparer.Ordinal), stackActions);
    }

    private static IEnumerable<string> Keys(IEnumerable<KeySchemaElement> schema) =>
        schema.Select(key => $"{key.AttributeName}:{key.KeyType.Value}");

    private static IEnumerable<string> Keys(object? schema, string what) =>
        YamlDocument.Sequence(schema, what)
            .Select(item => YamlDocument.Mapping(item, "key"))
            .Select(key => $"{key["AttributeName"]}:{key["KeyType"]}");

    private static IEnumerable<string> Indexes(CreateTableRequest table) =>
        (table.GlobalSecondaryIndexes ?? [])
            .Select(index => $"{index.IndexName}({string.Join(',', Keys(index.KeySchema))}) {index.Projection.ProjectionType.Value}")
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> Indexes(CloudFormationResource table) =>
        (table["GlobalSecondaryIndexes"] as IReadOnlyList<object?> ?? [])
            .Select(item => YamlDocument.Mapping(item, "index"))
            .Select(index => $"{index["IndexName"]}({string.Join(',', Keys(index["KeySchema"], "index keys"))}) {YamlDocument.Mapping(index["Projection"], "Projection")["ProjectionType"]}")
            .Order(StringComparer.Ordinal);
}
