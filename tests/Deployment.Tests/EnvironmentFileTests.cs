using System.Text.RegularExpressions;
using WaApp.Deployment.Tests.Support;

namespace WaApp.Deployment.Tests;

public sealed partial class EnvironmentFileTests
{
    public static TheoryData<string> Environments => [.. EnvironmentFile.Names];

    public static TheoryData<string> AwsEnvironments => ["staging", "production"];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_setting_of_the_settings_table_is_named(string environment)
    {
        var file = EnvironmentFile.Load(environment);

        var missing = Settings.All.Where(setting => !file.Settings.ContainsKey(setting)).ToList();

        Assert.True(missing.Count == 0, $"{environment}.env does not name: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(AwsEnvironments))]
    public void Secrets_are_references_to_entries_the_stack_creates(string environment)
    {
        var file = EnvironmentFile.Load(environment);
        var template = CloudFormationTemplate.Load();
        var variables = new Dictionary<string, string> { ["EnvironmentName"] = environment };
        var secretNames = template.OfType("AWS::SecretsManager::Secret")
            .Select(secret => CloudFormationTemplate.Text(secret["Name"], variables))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var (key, value) in file.Settings.Where(setting => Settings.IsSecret(setting.Key)))
        {
            Assert.StartsWith("secretsmanager:", value, StringComparison.Ordinal);
            var name = value["secretsmanager:".Length..];
            Assert.True(secretNames.Contains(name), $"{environment}.env: {key} names '{name}', which the stack does not create.");
        }
    }

    [Fact]
    public void Development_secrets_are_only_obviously_fake_values()
    {
        var file = EnvironmentFile.Load("development");

        foreach (var (key, value) in file.Settings.Where(setting => Settings.IsSecret(setting.Key)))
        {
            Assert.True(value.StartsWith("dev-", StringComparison.Ordinal), $"development.env: {key} must be a fake 'dev-' value, found '{value}'.");
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void No_value_looks_like_a_real_credential(string environment)
    {
        var file = EnvironmentFile.Load(environment);

        var suspicious = file.Settings.Where(setting => CredentialPattern().IsMatch(setting.Value)).Select(setting => setting.Key).ToList();

        Assert.True(suspicious.Count == 0, $"{environment}.env holds what looks like a credential in: {string.Join(", ", suspicious)}");
    }

    // Meta app secrets are 32 hex characters, Graph API tokens start with EAA, AWS access keys with AKIA/ASIA.
    [GeneratedRegex(@"\b[0-9a-f]{32}\b|\bEAA[A-Za-z0-9]{20,}|\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex CredentialPattern();
}
