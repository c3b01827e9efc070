using Xunit;

namespace WaApp.TestInfrastructure;

/// <summary>An xunit fixture that owns one <see cref="DynamoDBServer"/> for a test class or collection.</summary>
public class DynamoDBFixture : IAsyncLifetime
{
    private DynamoDBServer? _server;

    public DynamoDBServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string ServiceUrl => Server.ServiceUrl;

    /// <summary>True for an on-disk dynalite whose data survives a stop and start.</summary>
    protected virtual bool OnDisk => false;

    public virtual async Task InitializeAsync() => _server = await DynamoDBServer.StartAsync(OnDisk);

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
