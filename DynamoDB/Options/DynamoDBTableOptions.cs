namespace WaApp.DynamoDB.Options;

/// <summary>A provider that owns a table: its name and how it is created at start-up.</summary>
public class DynamoDBTableOptions : DynamoDBClientOptions
{
    /// <summary>The full table name (hosts put their prefix in front of the default).</summary>
    public string TableName { get; set; } = string.Empty;

    /// <summary>Create the table at start-up when it is missing.</summary>
    public bool CreateIfNotExists { get; set; } = true;

    /// <summary>Change the billing mode or throughput of an existing table to match these options.</summary>
    public bool UpdateIfExists { get; set; }

    /// <summary>Provisioned capacity instead of the default pay-per-request billing.</summary>
    public bool UseProvisionedThroughput { get; set; }

    public int ReadCapacityUnits { get; set; } = 10;

    public int WriteCapacityUnits { get; set; } = 5;

    /// <summary>How often DescribeTable is polled while a table is being created or updated.</summary>
    public TimeSpan TableStatusPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long start-up waits for a table to become ACTIVE.</summary>
    public TimeSpan TableReadyTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
