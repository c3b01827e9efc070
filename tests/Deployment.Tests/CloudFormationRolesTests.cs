using WaApp.Deployment.Tests.Support;
using WaApp.DynamoDB.Tables;

namespace WaApp.Deployment.Tests;

/// <summary>
/// Least privilege per process: the silo and the gateway run under their own roles, and the gateway (the part facing
/// the internet) can write no table and only the business's uploads in the bucket.
/// </summary>
public sealed class CloudFormationRolesTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load();

    private static readonly Dictionary<string, string> Variables = new()
    {
        ["AWS::Partition"] = "aws",
        ["AWS::Region"] = "eu-west-1",
        ["AWS::AccountId"] = "123456789012",
        ["TablePrefix"] = "waapp-test-",
        ["MediaBucket.Arn"] = "arn:aws:s3:::media",
    };

    [Fact]
    public void Silo_and_gateway_tasks_run_under_their_own_roles_and_app_runner_as_the_gateway()
    {
        Assert.Equal("SiloRole", RoleOf(Template.Resources["SiloTaskDefinition"]["TaskRoleArn"]));
        Assert.Equal("GatewayRole", RoleOf(Template.Resources["GatewayTaskDefinition"]["TaskRoleArn"]));
        var instance = YamlDocument.Mapping(Template.Resources["AppRunnerGatewayService"]["InstanceConfiguration"], "InstanceConfiguration");
        Assert.Equal("GatewayRole", RoleOf(instance["InstanceRoleArn"]));
        Assert.Equal(["ecs-tasks.amazonaws.com"], TrustedServices("SiloRole"));
    }

    [Fact]
    public void The_gateway_may_only_read_the_membership_table_with_the_calls_the_code_makes()
    {
        var statements = Statements("GatewayRole").Where(statement => Actions(statement).Any(action => action.StartsWith("dynamodb:", StringComparison.Ordinal))).ToList();

        var statement = Assert.Single(statements);
        Assert.Equal(WaAppTables.GatewayActions.Order(StringComparer.Ordinal), Actions(statement).Order(StringComparer.Ordinal));
        Assert.Equal(["arn:aws:dynamodb:eu-west-1:123456789012:table/waapp-test-OrleansSilos"], Resources(statement));
    }

    [Fact]
    public void The_silo_has_every_table_action_and_the_whole_media_prefix()
    {
        var actions = Statements("SiloRole").SelectMany(Actions).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(WaAppTables.RequiredActions.ToHashSet(StringComparer.Ordinal), actions);
        Assert.Contains(Statements("SiloRole"), statement =>
            Actions(statement).Contains("s3:PutObject") && Actions(statement).Contains("s3:GetObject") && Resources(statement).SequenceEqual(["arn:aws:s3:::media/media/*"]));
    }

    [Fact]
    public void The_gateway_reads_media_but_writes_only_uploads_and_deletes_nothing()
    {
        var statements = Statements("GatewayRole").ToList();
        var writes = statements.Where(statement => Actions(statement).Contains("s3:PutObject")).SelectMany(Resources).Order(StringComparer.Ordinal);

        Assert.Equal(["arn:aws:s3:::media/media/*/out-ids/*", "arn:aws:s3:::media/media/*/out/*"], writes);
        Assert.Contains(statements, statement => Actions(statement).SequenceEqual(["s3:GetObject"]) && Resources(statement).SequenceEqual(["arn:aws:s3:::media/media/*"]));
        Assert.DoesNotContain(statements.SelectMany(Actions), action => action.Contains("Delete", StringComparison.Ordinal) || action.Contains('*', StringComparison.Ordinal));
    }

    private static string RoleOf(object? arn) =>
        Assert.IsType<YamlFunction>(arn) is { Name: "GetAtt", Argument: string target } && target.EndsWith(".Arn", StringComparison.Ordinal)
            ? target[..^".Arn".Length]
            : throw new InvalidDataException($"Expected !GetAtt Role.Arn, found {arn}.");

    private static IEnumerable<string> TrustedServices(string role)
    {
        var document = YamlDocument.Mapping(Template.Resources[role]["AssumeRolePolicyDocument"], "AssumeRolePolicyDocument");
        var statement = YamlDocument.Mapping(Assert.Single(YamlDocument.Sequence(document["Statement"], "Statement")), "Statement");
        return YamlDocument.Sequence(YamlDocument.Mapping(statement["Principal"], "Principal")["Service"], "Service").Cast<string>();
    }

    /// <summary>Every statement of the managed policies attached to <paramref name="role"/>.</summary>
    private static IEnumerable<IReadOnlyDictionary<string, object?>> Statements(string role) =>
        YamlDocument.Sequence(Template.Resources[role]["ManagedPolicyArns"], "ManagedPolicyArns")
            .Select(reference => Assert.IsType<YamlFunction>(reference))
            .Select(reference => Template.Resources[(string)reference.Argument!])
            .SelectMany(policy => YamlDocument.Sequence(YamlDocument.Mapping(policy["PolicyDocument"], "PolicyDocument")["Statement"], "Statement"))
            .Select(statement => YamlDocument.Mapping(statement, "Statement"));

    private static IEnumerable<string> Actions(IReadOnlyDictionary<string, object?> statement) =>
        statement["Action"] is string single ? [single] : YamlDocument.Sequence(statement["Action"], "Action").Cast<string>();

    private static IEnumerable<string> Resources(IReadOnlyDictionary<string, object?> statement) =>
        (statement["Resource"] is IReadOnlyList<object?> list ? list : [statement["Resource"]])
            .Select(resource => CloudFormationTemplate.Text(resource, Variables));
}
