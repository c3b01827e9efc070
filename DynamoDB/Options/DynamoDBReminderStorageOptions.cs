namespace WaApp.DynamoDB.Options;

/// <summary>Reminders in DynamoDB (the official table layout).</summary>
public sealed class DynamoDBReminderStorageOptions : DynamoDBTableOptions
{
    public const string DefaultTableName = "OrleansReminders";

    public DynamoDBReminderStorageOptions() => TableName = DefaultTableName;
}
