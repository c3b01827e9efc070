using System.Text.Json;
using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

public sealed class IamPolicyFileTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load();

    // The placeholders of the policy file and what the stack uses for them.
    private static readonly Dictionary<string, string> PolicyFilePlaceholders = new()
    {
        ["${AWS_REGION}"] = "eu-west-1",
        ["${AWS_ACCOUNT_ID}"] = "123456789012",
        ["${TABLE_PREFIX}"] = "waapp-test-",
    };

    private static readonly Dictionary<string, string> StackVariables = new()
    {
        ["AWS::Partition"] = "aws",
        ["AWS::Region"] = "eu-west-1",
        ["AWS::AccountId"] = "123456789012",
        ["TablePrefix"] = "waapp-test-",
    };

    [Fact]
    public void Policy_file_allows_the_same_actions_on_the_same_resources_as_the_stack()
    {
        var file = Statement(ReadJson("dynamodb-policy.json"));
        var stack = StackDynamoDBStatement();

        Assert.Equal(StackActions(stack), file.GetProperty("Action").EnumerateArray().Select(action => action.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(StackResources(stack), file.GetProperty("Resource").EnumerateArray().Select(resource => FillPlaceholders(resource.GetString()!)).Order(StringComparer.Ordinal));
        Assert.Equal("Allow", file.GetProperty("Effect").GetString());
    }

    [Fact]
    public void Policy_names_only_dynamodb_actions_on_the_four_waapp_tables_and_their_indexes()
    {
        var stack = StackDynamoDBStatement();
        var tables = Template.OfType("AWS::DynamoDB::Table")
            .Select(table => CloudFormationTemplate.Text(table["TableName"], StackVariables))
            .ToList();
        var expected = tables.SelectMany(table => new[] { $"arn:aws:dynamodb:eu-west-1:123456789012:table/{table}", $"arn:aws:dynamodb:eu-west-1:123456789012:table/{table}/index/*" });

        Assert.Equal(4, tables.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), StackResources(stack));
        Assert.All(StackActions(stack), action =>
        {
            Assert.StartsWith("dynamodb:", action, StringComparison.Ordinal);
            Assert.DoesNotContain("*", action, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Trust_policy_file_trusts_the_same_services_as_the_gateway_role()
    {
        var file = Statement(ReadJson("trust-policy.json"));
        var role = YamlDocument.Mapping(Template.Resources["GatewayRole"]["AssumeRolePolicyDocument"], "AssumeRolePolicyDocument");
        var roleStatement = YamlDocument.Mapping(Assert.Single(YamlDocument.Sequence(role["Statement"], "Statement")), "statement");
        var roleServices = YamlDocument.Sequence(YamlDocument.Mapping(roleStatement["Principal"], "Principal")["Service"], "Service").Cast<string>();

        var fileServices = file.GetProperty("Principal").GetProperty("Service").EnumerateArray().Select(service => service.GetString()!);

        Assert.Equal(roleServices.Order(StringComparer.Ordinal), fileServices.Order(StringComparer.Ordinal));
        Assert.Equal(roleStatement["Action"], file.GetProperty("Action").GetString());
        Assert.Equal(["ecs-tasks.amazonaws.com", "tasks.apprunner.amazonaws.com"], fileServices.Order(StringComparer.Ordinal));
    }

    internal static IReadOnlyDictionary<string, object?> StackDynamoDBStatement()
    {
        var policy = Template.Resources["DynamoDBAccessPolicy"];
        Assert.Equal("AWS::IAM::ManagedPolicy", policy.Type);
        var document = YamlDocument.Mapping(policy["PolicyDocument"], "PolicyDocument");
        return YamlDocument.Mapping(Assert.Single(YamlDocument.Sequence(document["Statement"], "Statement")), "Statement");
    }

    internal static IEnumerable<string> StackActions(IReadOnlyDictionary<string, object?> statement) =>
        YamlDocument.Sequence(statement["Action"], "Action").Cast<string>().Order(StringComparer.Ordinal);

    private static IEnumerable<string> StackResources(IReadOnlyDictionary<string, object?> statement) =>
        YamlDocument.Sequence(statement["Resource"], "Resource")
            .Select(resource => CloudFormationTemplate.Text(resource, StackVariables))
            .Order(StringComparer.Ordinal);

    private static string FillPlaceholders(string text) =>
        PolicyFilePlaceholders.Aggregate(text, (current, placeholder) => current.Replace(placeholder.Key, placeholder.Value, StringComparison.Ordinal));

    private static JsonElement Statement(JsonDocument document) =>
        Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray().ToList());

    private static JsonDocument ReadJson(string file) =>
        JsonDocument.Parse(File.ReadAllText(TestInfrastructure.RepositoryPaths.InRepository("deploy", "aws", "iam", file)));
}
