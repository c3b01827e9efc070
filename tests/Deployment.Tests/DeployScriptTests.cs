using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

public sealed class DeployScriptTests
{
    private static readonly Dictionary<string, string?> Network = new()
    {
        ["WAAPP_VPC_ID"] = "vpc-0123456789abcdef0",
        ["WAAPP_SERVICE_SUBNETS"] = "subnet-aaaa,subnet-bbbb",
        ["WAAPP_LB_SUBNETS"] = "subnet-cccc,subnet-dddd",
        ["AWS_ACCOUNT_ID"] = "111122223333",
        // A dry run must not need the AWS CLI or Docker: hide any that are installed.
        ["PATH"] = "/usr/bin:/bin",
    };

    [Fact]
    public async Task Dry_run_prints_the_build_push_and_stack_deploy_with_the_environment_file_settings()
    {
        var result = await CommandLine.RunAsync("bash", ["scripts/deploy.sh", "staging", "--image-tag", "v1.2.3", "--dry-run"], Network);

        Assert.True(result.ExitCode == 0, result.ToString());
        var image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/waapp:v1.2.3";
        Assert.Contains($"+ docker build --platform linux/amd64 --target runtime --tag {image}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"+ docker push {image}", result.Output, StringComparison.Ordinal);
        Assert.Contains("+ aws cloudformation deploy --region eu-west-1 --stack-name waapp-staging", result.Output, StringComparison.Ordinal);
        Assert.Contains("TablePrefix=waapp-staging-", result.Output, StringComparison.Ordinal);
        Assert.Contains("ClusterId=waapp-staging", result.Output, StringComparison.Ordinal);
        Assert.Contains($"ImageUri={image}", result.Output, StringComparison.Ordinal);
        Assert.Contains("VpcId=vpc-0123456789abcdef0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_network_variable_is_a_clear_error_before_anything_runs()
    {
        var environment = new Dictionary<string, string?>(Network) { ["WAAPP_LB_SUBNETS"] = null };

        var result = await CommandLine.RunAsync("bash", ["scripts/deploy.sh", "production", "--image-tag", "v1", "--dry-run"], environment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error: WAAPP_LB_SUBNETS is not set", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output.Split('\n'), line => line.StartsWith("+ ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_environment_is_refused()
    {
        var result = await CommandLine.RunAsync("bash", ["scripts/deploy.sh", "prod", "--dry-run"], Network);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown environment 'prod'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_dry_run_creates_the_repository_and_the_github_role_then_deploys()
    {
        var environment = new Dictionary<string, string?>(Network) { ["WAAPP_VPC_ID"] = null, ["WAAPP_SERVICE_SUBNETS"] = null, ["WAAPP_LB_SUBNETS"] = null };

        var result = await CommandLine.RunAsync(
            "bash", ["deploy/aws/scripts/setup-aws-resources.sh", "production", "--github-repo", "acme/waapp", "--dry-run"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("+ aws ecr create-repository --region eu-west-1 --repository-name waapp", result.Output, StringComparison.Ordinal);
        Assert.Contains("repo:acme/waapp:environment:production", result.Output, StringComparison.Ordinal);
        Assert.Contains("AssignPublicIp=ENABLED", result.Output, StringComparison.Ordinal);
        Assert.Contains("--stack-name waapp-production", result.Output, StringComparison.Ordinal);
        Assert.Contains("--secret-id waapp/production/whatsapp-app-secret", result.Output, StringComparison.Ordinal);
    }
}
