using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

public sealed class CloudFormationStackTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load();

    [Fact]
    public void Silos_accept_only_the_silo_port_from_silos_and_the_gateway_port_from_gateways()
    {
        var rules = IngressRules("SiloSecurityGroup").ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.Null(rule.CidrIp));
        Assert.Equal(["SiloSecurityGroup"], rules.Where(rule => rule.Port == 11111).Select(rule => rule.Source));
        Assert.Equal(
            ["AppRunnerConnectorSecurityGroup", "GatewaySecurityGroup"],
            rules.Where(rule => rule.Port == 30000).Select(rule => rule.Source!).Order(StringComparer.Ordinal));
        Assert.Equal([11111, 30000], rules.Select(rule => rule.Port).Distinct().Order());
    }

    [Fact]
    public void Gateways_accept_only_http_from_the_load_balancer()
    {
        var rules = IngressRules("GatewaySecurityGroup").ToList();

        var rule = Assert.Single(rules);
        Assert.Equal(8080, rule.Port);
        Assert.Equal("LoadBalancerSecurityGroup", rule.Source);
        Assert.Null(rule.CidrIp);
    }

    [Fact]
    public void Every_container_gets_secrets_from_secrets_manager_and_never_as_plain_environment()
    {
        var production = EnvironmentFile.Load("production");
        var secretSettings = production.Settings.Keys.Where(Settings.IsSecret).Order(StringComparer.Ordinal).ToList();
        var secretResources = Template.OfType("AWS::SecretsManager::Secret").Select(secret => secret.LogicalId).ToHashSet();

        foreach (var container in Containers())
        {
            var injected = YamlDocument.Sequence(container.Definition["Secrets"], $"{container.Name}.Secrets")
                .Select(item => YamlDocument.Mapping(item, "secret"))
                .ToDictionary(item => YamlDocument.Scalar(item["Name"], "Name"), item => item["ValueFrom"]);
            Assert.Equal(secretSettings, injected.Keys.Order(StringComparer.Ordinal));
            Assert.All(injected.Values, reference => Assert.Contains(YamlDocument.Scalar(Assert.IsType<YamlFunction>(reference).Argument, "ValueFrom"), secretResources));

            var plain = YamlDocument.Sequence(container.Definition["Environment"], $"{container.Name}.Environment")
                .Select(item => YamlDocument.Scalar(YamlDocument.Mapping(item, "variable")["Name"], "Name"));
            Assert.DoesNotContain(plain, Settings.IsSecret);
        }
    }

    [Fact]
    public void Containers_use_the_ports_and_roles_of_the_image()
    {
        var containers = Containers().ToDictionary(container => container.Name);

        Assert.Equal(["silo"], YamlDocument.Sequence(containers["silo"].Definition["Command"], "silo.Command"));
        Assert.Equal(["gateway"], YamlDocument.Sequence(containers["gateway"].Definition["Command"], "gateway.Command"));
        Assert.Equal(["11111", "30000", "8081"], ContainerPorts(containers["silo"]));
        Assert.Equal(["8080", "9090"], ContainerPorts(containers["gateway"]));
        Assert.Equal("/health/live", Template.Resources["GatewayTargetGroup"]["HealthCheckPath"]);
        Assert.Equal("8080", Template.Resources["GatewayTargetGroup"]["Port"]);
    }

    [Fact]
    public void No_stack_environment_runs_as_development()
    {
        var root = YamlDocument.LoadMapping(CloudFormationTemplate.PathInRepository);
        var mapping = YamlDocument.Mapping(YamlDocument.Mapping(root["Mappings"], "Mappings")["AspNetCoreEnvironment"], "AspNetCoreEnvironment");

        var names = mapping.ToDictionary(pair => pair.Key, pair => YamlDocument.Scalar(YamlDocument.Mapping(pair.Value, pair.Key)["Name"], "Name"));

        Assert.Equal(["development", "production", "staging"], names.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Development", names.Values);
        Assert.Equal("Staging", names["development"]);
    }

    [Fact]
    public void App_runner_resources_exist_only_when_enabled()
    {
        var appRunner = Template.Resources.Values.Where(resource => resource.Type.StartsWith("AWS::AppRunner::", StringComparison.Ordinal)).ToList();

        Assert.Equal(["AWS::AppRunner::Service", "AWS::AppRunner::VpcConnector"], appRunner.Select(resource => resource.Type).Order(StringComparer.Ordinal));
        Assert.All(appRunner, resource => Assert.Equal("UseAppRunner", resource.Condition));
    }

    private sealed record IngressRule(int Port, string? Source, string? CidrIp);

    private sealed record Container(string Name, IReadOnlyDictionary<string, object?> Definition);

    private static IEnumerable<Container> Containers() =>
        Template.OfType("AWS::ECS::TaskDefinition")
            .SelectMany(task => YamlDocument.Sequence(task["ContainerDefinitions"], $"{task.LogicalId}.ContainerDefinitions"))
            .Select(item => YamlDocument.Mapping(item, "container"))
            .Select(definition => new Container(YamlDocument.Scalar(definition["Name"], "container name"), definition));

    private static IEnumerable<string> ContainerPorts(Container container) =>
        YamlDocument.Sequence(container.Definition["PortMappings"], $"{container.Name}.PortMappings")
            .Select(item => YamlDocument.Scalar(YamlDocument.Mapping(item, "port mapping")["ContainerPort"], "ContainerPort"));

    private static IEnumerable<IngressRule> IngressRules(string securityGroup)
    {
        var inline = Template.Resources[securityGroup]["SecurityGroupIngress"] is IReadOnlyList<object?> rules
            ? rules.Select(rule => YamlDocument.Mapping(rule, $"{securityGroup} ingress"))
            : [];
        var separate = Template.OfType("AWS::EC2::SecurityGroupIngress")
            .Where(resource => resource["GroupId"] is YamlFunction { Name: "Ref", Argument: string group } && group == securityGroup)
            .Select(resource => resource.Properties);
        foreach (var rule in inline.Concat(separate))
        {
            var from = int.Parse(YamlDocument.Scalar(rule["FromPort"], "FromPort"), System.Globalization.CultureInfo.InvariantCulture);
            var to = int.Parse(YamlDocument.Scalar(rule["ToPort"], "ToPort"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(from == to, $"{securityGroup} opens a port range {from}-{to}; only single ports are expected.");
            var source = rule.GetValueOrDefault("SourceSecurityGroupId") is YamlFunction { Name: "Ref", Argument: string group } ? group : null;
            yield return new IngressRule(from, source, rule.GetValueOrDefault("CidrIp") as string);
        }
    }
}
