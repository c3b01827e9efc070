using Microsoft.Extensions.DependencyInjection;
using WaApp.DynamoDB.Hosting;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Business;
using WaApp.Grains.Contacts;
using WaApp.Grains.Conversations;
using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests;

/// <summary>
/// Reads what the silo stored, straight from the event store in DynamoDB: the events of a stream and the state a
/// grain would rebuild from them.
/// </summary>
public sealed class EventStoreProbe : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IEventSourcedStreamFactory _streams;

    public EventStoreProbe(LocalCluster cluster)
    {
        var settings = new DynamoDBSettings
        {
            Service = cluster.Settings["DynamoDB__Service"]!,
            TablePrefix = cluster.Settings["DynamoDB__TablePrefix"]!,
            CreateIfNotExists = false,
        };
        _services = new ServiceCollection()
            .AddLogging()
            .AddDynamoDBEventStore(options => settings.Configure(options))
            .BuildServiceProvider();
        _streams = _services.GetRequiredService<IEventSourcedStreamFactory>();
    }

    public async Task<ConversationState> ConversationAsync(string phoneNumberId, string contactId) =>
        (await _streams.Create<ConversationState, ConversationEvent>($"conversation/{phoneNumberId}:{contactId}", static (s, e) => s.Apply(e))
            .ReadStateFromStorageAsync()).Value;

    public Task<IReadOnlyList<ConversationEvent>> ConversationEventsAsync(string phoneNumberId, string contactId) =>
        EventsAsync<ConversationState, ConversationEvent>($"conversation/{phoneNumberId}:{contactId}", static (s, e) => s.Apply(e));

    public Task<IReadOnlyList<BusinessAccountEvent>> BusinessAccountEventsAsync(string businessAccountId) =>
        EventsAsync<BusinessAccountState, BusinessAccountEvent>($"business-account/{businessAccountId}", static (s, e) => s.Apply(e));

    public Task<IReadOnlyList<ContactEvent>> ContactEventsAsync(string contactId) =>
        EventsAsync<ContactState, ContactEvent>($"contact/{contactId}", static (s, e) => s.Apply(e));

    /// <summary>The contact id an alias index entry names, or null when nobody claimed the alias.</summary>
    public async Task<string?> AliasOwnerAsync(string alias) =>
        (await _streams.Create<ContactAliasState, ContactAliasEvent>($"contact-alias/{alias}", static (s, e) => s.Apply(e))
            .ReadStateFromStorageAsync()).Value.ContactId;

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private async Task<IReadOnlyList<TEvent>> EventsAsync<TState, TEvent>(string streamId, Action<TState, TEvent> apply)
        where TState : class, new()
        where TEvent : class
    {
        var events = await _streams.Create(streamId, apply).ReadEventsAsync(0, 10_000);
        return [.. events.Select(e => e.Event)];
    }
}
