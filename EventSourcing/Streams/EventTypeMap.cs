using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Orleans;
using WaApp.EventSourcing.Storage;

namespace WaApp.EventSourcing.Streams;

/// <summary>
/// Stable names of the events of one base type: the Orleans [Alias] of every concrete subtype in the base type's
/// assembly, so renaming a C# type never orphans stored events.
/// </summary>
public sealed class EventTypeMap<TEvent>
    where TEvent : class
{
    private static readonly Lazy<EventTypeMap<TEvent>> Shared = new(() => new EventTypeMap<TEvent>());
    private readonly Dictionary<string, Type> _typesByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _namesByType = new();

    private EventTypeMap()
    {
        var baseType = typeof(TEvent);
        var concrete = baseType.Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false, ContainsGenericParameters: false } && baseType.IsAssignableFrom(t));
        foreach (var type in concrete)
        {
            var alias = type.GetCustomAttribute<AliasAttribute>(inherit: false)?.Alias
                ?? throw new InvalidOperationException(
                    $"Event type {type.FullName} has no [Alias(\"...\")] attribute; every concrete {baseType.Name} needs a stable stored name.");
            if (!_typesByName.TryAdd(alias, type))
            {
                throw new InvalidOperationException(
                    $"Event types {_typesByName[alias].FullName} and {type.FullName} share the alias '{alias}'; stored names must be unique.");
            }

            _namesByType[type] = alias;
        }
    }

    /// <summary>The map for <typeparamref name="TEvent"/>, built and checked on first use.</summary>
    public static EventTypeMap<TEvent> Instance => Shared.Value;

    public IReadOnlyCollection<string> Names => _typesByName.Keys;

    public StoredEvent Serialize(TEvent @event, JsonSerializerOptions options)
    {
        var type = @event.GetType();
        if (!_namesByType.TryGetValue(type, out var name))
        {
            throw new InvalidOperationException($"Event type {type.FullName} is not a concrete {typeof(TEvent).Name} of {typeof(TEvent).Assembly.GetName().Name} and cannot be stored.");
        }

        return new StoredEvent(name, JsonSerializer.Serialize(@event, type, options));
    }

    public TEvent Deserialize(StoredEvent stored, JsonSerializerOptions options)
    {
        if (!_typesByName.TryGetValue(stored.TypeName, out var type))
        {
            throw new EventStreamCorruptedException(
                $"Stored event type '{stored.TypeName}' is unknown to {typeof(TEvent).FullName}; known types: {string.Join(", ", _typesByName.Keys.Order())}. " +
                "Keep the [Alias] of every event type that was ever stored.");
        }

        try
        {
            return (TEvent?)JsonSerializer.Deserialize(stored.Json, type, options)
                ?? throw new EventStreamCorruptedException($"Stored event of type '{stored.TypeName}' is null.");
        }
        catch (JsonException exception)
        {
            throw new EventStreamCorruptedException($"Stored event of type '{stored.TypeName}' could not be read: {exception.Message}", exception);
        }
    }
}
