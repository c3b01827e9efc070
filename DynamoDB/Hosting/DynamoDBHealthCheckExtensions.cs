using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WaApp.DynamoDB.Tables;

namespace WaApp.DynamoDB.Hosting;

public static class DynamoDBHealthCheckExtensions
{
    /// <summary>Adds a readiness check that DynamoDB answers, tagged <paramref name="tags"/>.</summary>
    public static IHealthChecksBuilder AddDynamoDB(this IHealthChecksBuilder builder, DynamoDBSettings settings, params string[] tags)
    {
        builder.Services.TryAddSingleton<DynamoDBClientProvider>();
        builder.Services.TryAddSingleton(settings);
        return builder.AddCheck<DynamoDBHealthCheck>("dynamodb", tags: tags);
    }
}
