using Orleans;
using Orleans.Runtime;

namespace WaApp.DynamoDB.Options;

/// <summary>Checks DynamoDB options at silo or client start and names the provider in every error.</summary>
public class DynamoDBOptionsValidator<TOptions>(TOptions options, string name) : IConfigurationValidator
    where TOptions : DynamoDBClientOptions
{
    protected TOptions Options { get; } = options;

    public void ValidateConfiguration()
    {
        var errors = new List<string>();
        Collect(errors);
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException($"Invalid {typeof(TOptions).Name} for '{name}': {string.Join(" ", errors)}");
        }
    }

    protected virtual void Collect(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Options.Service))
        {
            errors.Add("Service must be a region name or an http(s) URL.");
        }
        else if (Options.IsServiceUrl && !Uri.TryCreate(Options.Service, UriKind.Absolute, out _))
        {
            errors.Add($"Service '{Options.Service}' is not a valid URL.");
        }

        if (string.IsNullOrEmpty(Options.AccessKey) != string.IsNullOrEmpty(Options.SecretKey))
        {
            errors.Add("AccessKey and SecretKey must be given together.");
        }

        if (Options.MaxErrorRetry < 0)
        {
            errors.Add("MaxErrorRetry must not be negative.");
        }

        if (Options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("RequestTimeout must be positive.");
        }

        if (Options is DynamoDBGatewayOptions gateway && string.IsNullOrWhiteSpace(gateway.TableName))
        {
            errors.Add("TableName must not be empty.");
        }

        if (Options is DynamoDBTableOptions table)
        {
            CollectTable(table, errors);
        }

        if (Options is DynamoDBEventStoreOptions events && events.ActivityIndexPartitions is < 1 or > DynamoDBEventStoreOptions.MaxActivityIndexPartitions)
        {
            errors.Add($"ActivityIndexPartitions must be 1 to {DynamoDBEventStoreOptions.MaxActivityIndexPartitions}.");
        }
    }

    private static void CollectTable(DynamoDBTableOptions table, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(table.TableName) || table.TableName.Length > 255)
        {
            errors.Add("TableName must have 1 to 255 characters.");
        }

        if (table.UseProvisionedThroughput && (table.ReadCapacityUnits <= 0 || table.WriteCapacityUnits <= 0))
        {
            errors.Add("ReadCapacityUnits and WriteCapacityUnits must be positive with provisioned throughput.");
        }

        if (table.TableStatusPollInterval <= TimeSpan.Zero)
        {
            errors.Add("TableStatusPollInterval must be positive.");
        }

        if (table.TableReadyTimeout <= TimeSpan.Zero)
        {
            errors.Add("TableReadyTimeout must be positive.");
        }
    }
}
