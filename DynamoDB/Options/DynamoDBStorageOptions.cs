using Orleans;
using Orleans.Storage;

namespace WaApp.DynamoDB.Options;

/// <summary>Grain state in DynamoDB (the official table layout).</summary>
public sealed class DynamoDBStorageOptions : DynamoDBTableOptions, IStorageProviderSerializerOptions
{
    public const string DefaultTableName = "OrleansGrainState";

    public DynamoDBStorageOptions() => TableName = DefaultTableName;

    /// <summary>Prefix of every grain key in this table; lets several services share one table.</summary>
    public string ServiceId { get; set; } = string.Empty;

    /// <summary>Delete the item on ClearState instead of blanking it (keeping its ETag).</summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>When the table is created in the silo's start-up.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Filled with System.Text.Json unless a keyed <see cref="IGrainStorageSerializer"/> is registered under the provider's name.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
