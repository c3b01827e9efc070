using WaApp.DynamoDB.Options;

namespace WaApp.DynamoDB.Hosting;

/// <summary>
/// The host-level <c>DynamoDB</c> configuration section (design section 6): one endpoint and one table prefix for
/// every provider. Hosts bind it once and hand it to each provider's options.
/// </summary>
public sealed class DynamoDBSettings
{
    public const string SectionName = "DynamoDB";

    /// <summary>A region name (e.g. eu-west-1) or an http(s) URL of a local endpoint.</summary>
    public string Service { get; set; } = "http://127.0.0.1:8000";

    /// <summary>Prefix of every table name, so several environments can share an account.</summary>
    public string TablePrefix { get; set; } = "waapp-dev-";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public string? Token { get; set; }

    public string? ProfileName { get; set; }

    /// <summary>Create missing tables at start-up (on for local runs; CloudFormation owns them in AWS).</summary>
    public bool CreateIfNotExists { get; set; } = true;

    public void Configure(DynamoDBClientOptions options)
    {
        options.Service = Service;
        options.AccessKey = AccessKey;
        options.SecretKey = SecretKey;
        options.Token = Token;
        options.ProfileName = ProfileName;
    }

    public void Configure(DynamoDBClusteringOptions options) => ConfigureTable(options, DynamoDBClusteringOptions.DefaultTableName);

    public void Configure(DynamoDBGatewayOptions options)
    {
        Configure((DynamoDBClientOptions)options);
        options.TableName = TablePrefix + DynamoDBClusteringOptions.DefaultTableName;
    }

    public void Configure(DynamoDBStorageOptions options) => ConfigureTable(options, DynamoDBStorageOptions.DefaultTableName);

    public void Configure(DynamoDBReminderStorageOptions options) => ConfigureTable(options, DynamoDBReminderStorageOptions.DefaultTableName);

    public void Configure(DynamoDBEventStoreOptions options) => ConfigureTable(options, DynamoDBEventStoreOptions.DefaultTableName);

    private void ConfigureTable(DynamoDBTableOptions options, string baseName)
    {
        Configure(options);
        options.TableName = TablePrefix + baseName;
        options.CreateIfNotExists = CreateIfNotExists;
    }
}
