using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace WaApp.EventSourcing.Streams;

/// <summary>Fails silo start on stream options no replay could work with.</summary>
public sealed class EventSourcedStreamOptionsValidator(IOptions<EventSourcedStreamOptions> options) : IConfigurationValidator
{
    private readonly EventSourcedStreamOptions _options = options.Value;

    public void ValidateConfiguration()
    {
        var errors = new List<string>();
        if (_options.SnapshotInterval < 0)
        {
            errors.Add("SnapshotInterval must be 0 (off) or positive.");
        }

        if (_options.ReadPageSize is < 1 or > 10_000)
        {
            errors.Add("ReadPageSize must be between 1 and 10000.");
        }

        if (_options.KnownStreamsCapacity < 0)
        {
            errors.Add("KnownStreamsCapacity must be 0 (off) or positive.");
        }

        if (_options.SerializerOptions is null)
        {
            errors.Add("SerializerOptions must be set.");
        }

        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException($"Invalid {nameof(EventSourcedStreamOptions)}: {string.Join(" ", errors)}");
        }
    }
}
