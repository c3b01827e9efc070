using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.Support;

/// <summary>One dynalite (or DYNAMODB_SERVICE_URL) for every storage test; tests isolate themselves with table prefixes.</summary>
[CollectionDefinition(Name)]
public sealed class DynamoDBCollection : ICollectionFixture<DynamoDBFixture>
{
    public const string Name = "DynamoDB";
}
