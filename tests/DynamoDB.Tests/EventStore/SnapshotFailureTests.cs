using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using MsOptions = Microsoft.Extensions.Options.Options;
using WaApp.DynamoDB.Tests.Support;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.EventStore;

/// <summary>A snapshot that cannot be written never fails the commit, and is never silent: a warning and a metric.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class SnapshotFailureTests(DynamoDBFixture fixture)
{
    private static readonly Action<AccountState, AccountEvent> Apply = (s, e) => s.Apply(e);

    [Fact]
    public async Task A_snapshot_write_that_fails_is_a_warning_and_a_metric_and_the_events_stay_stored()
    {
        var (store, options) = await EventStoreFactory.CreateAsync(fixture, o => o.SnapshotInterval = 2);
        var failing = new SnapshotRefusingStore(store);
        var logs = new WarningCollector();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var streams = new EventSourcedStreamFactory(failing, MsOptions.Create(options), new KnownStreams(MsOptions.Create(options)), loggers);
        var streamId = "account/" + Guid.NewGuid().ToString("N");
        var stream = streams.Create<AccountState, AccountEvent>(streamId, Apply);
        var view = (await stream.ReadStateFromStorageAsync()).Value;
        long failures = 0;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EventStreamMetrics.MeterName && instrument.Name == "waapp.event_streams.snapshots_failed")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        meter.Start();

        Assert.True(await stream.ApplyUpdatesToStorageAsync([new Deposited(3), new Deposited(4)], 0, view));

        Assert.Equal(1, failing.Refused);
        Assert.True(Interlocked.Read(ref failures) >= 1, "the failed snapshot was not counted");
        Assert.Contains(logs.Warnings, message => message.Contains("could not be written", StringComparison.Ordinal));
        Assert.Null((await store.ReadTailAsync(streamId, 1, default)).Snapshot);
        var reread = await EventStoreFactory.Streams(store, options).Create<AccountState, AccountEvent>(streamId, Apply).ReadStateFromStorageAsync();
        Assert.Equal((2, 7), (reread.Key, reread.Value.Balance));
    }

    /// <summary>A real store whose snapshot writes fail, as during throttling or an outage of the snapshot path.</summary>
    private sealed class SnapshotRefusingStore(IEventStore inner) : IEventStore
    {
        public int Refused { get; private set; }

        public Task<AppendResult> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<StoredEvent> events, Guid batchId, AppendAttempt attempt, CancellationToken cancellationToken) =>
            inner.AppendAsync(streamId, expectedVersion, events, batchId, attempt, cancellationToken);

        public Task<EventStreamPage> ReadAsync(string streamId, int fromVersion, int maxEvents, CancellationToken cancellationToken) =>
            inner.ReadAsync(streamId, fromVersion, maxEvents, cancellationToken);

        public Task<StreamTail> ReadTailAsync(string streamId, int maxCommits, CancellationToken cancellationToken) =>
            inner.ReadTailAsync(streamId, maxCommits, cancellationToken);

        public Task<bool> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot, CancellationToken cancellationToken)
        {
            Refused++;
            throw new IOException("The snapshot write was refused.");
        }

        public Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken) => inner.DeleteStreamAsync(streamId, cancellationToken);
    }

    private sealed class WarningCollector : ILoggerProvider, ILogger
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (_warnings)
                {
                    _warnings.Add(formatter(state, exception));
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
