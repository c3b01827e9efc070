using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Runtime;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Reminders;
using WaApp.DynamoDB.Tables;
using WaApp.DynamoDB.Tests.Support;
using WaApp.TestInfrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace WaApp.DynamoDB.Tests.Reminders;

/// <summary>The contract of Orleans' ReminderTableTestsBase.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class ReminderTableContractTests(DynamoDBFixture fixture) : IAsyncLifetime
{
    private static readonly DynamoDBClientProvider Clients = new();
    private readonly string _tableName = DynamoDBServer.UniqueTablePrefix("rm") + DynamoDBReminderStorageOptions.DefaultTableName;
    private DynamoDBReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = Create("service-a");
        await _table.StartAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Upserted_reminder_reads_back_exactly_whatever_the_culture()
    {
        var entry = NewEntry("counter/1", "tick");
        entry.StartAt = new DateTime(2026, 11, 25, 13, 14, 15, 678, DateTimeKind.Utc);
        var culture = CultureInfo.CurrentCulture;
        string? etag;
        ReminderEntry? read;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            etag = await _table.UpsertRow(entry);
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            read = await _table.ReadRow(entry.GrainId, "tick");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.NotNull(read);
        Assert.Equal(entry.GrainId, read.GrainId);
        Assert.Equal("tick", read.ReminderName);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(entry.Period, read.Period);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Remove_needs_the_current_etag()
    {
        var entry = NewEntry("counter/2", "tick");
        var first = await _table.UpsertRow(entry);
        var second = await _table.UpsertRow(entry);

        Assert.NotEqual(first, second);
        Assert.False(await _table.RemoveRow(entry.GrainId, "tick", first!));
        Assert.False(await _table.RemoveRow(entry.GrainId, "tick", "garbage"));
        Assert.NotNull(await _table.ReadRow(entry.GrainId, "tick"));
        Assert.True(await _table.RemoveRow(entry.GrainId, "tick", second!));
        Assert.Null(await _table.ReadRow(entry.GrainId, "tick"));
        Assert.False(await _table.RemoveRow(entry.GrainId, "tick", second!));
    }

    [Fact]
    public async Task Rows_of_a_grain_are_read_together_and_apart_from_other_grains()
    {
        await _table.UpsertRow(NewEntry("counter/3", "a"));
        await _table.UpsertRow(NewEntry("counter/3", "b"));
        await _table.UpsertRow(NewEntry("counter/4", "a"));

        var rows = await _table.ReadRows(GrainId.Parse("counter/3"));

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task Ring_ranges_return_exactly_the_reminders_in_range_including_wrap_around()
    {
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Parse($"ring/{i}")).ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var ranges = new (uint Begin, uint End)[]
        {
            (0, uint.MaxValue),
            (hashes[5], hashes[20]),
            (hashes[5] - 1, hashes[5]),
            (hashes[30], hashes[10]),
            (hashes[12], hashes[12]),
            (uint.MaxValue, 0),
        };

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).ToHashSet();
            var actual = (await _table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).ToHashSet();
            Assert.True(expected.SetEquals(actual), $"range ({begin}, {end}]: expected {expected.Count}, got {actual.Count}");
        }
    }

    [Fact]
    public async Task Services_sharing_a_table_do_not_see_or_clear_each_others_reminders()
    {
        var other = Create("service-b");
        await other.UpsertRow(NewEntry("counter/5", "theirs"));
        await _table.UpsertRow(NewEntry("counter/5", "ours"));

        await _table.TestOnlyClearTable();

        Assert.Empty((await _table.ReadRows(0, uint.MaxValue)).Reminders);
        Assert.Equal(["theirs"], (await other.ReadRows(GrainId.Parse("counter/5"))).Reminders.Select(r => r.ReminderName));
    }

    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry NewEntry(string grain, string name) => new()
    {
        GrainId = GrainId.Parse(grain),
        ReminderName = name,
        StartAt = DateTime.UtcNow,
        Period = TimeSpan.FromMinutes(7.5),
    };

    private DynamoDBReminderTable Create(string serviceId) => new(
        MsOptions.Create(new DynamoDBReminderStorageOptions { Service = fixture.ServiceUrl, TableName = _tableName }),
        MsOptions.Create(new ClusterOptions { ServiceId = serviceId }),
        Clients,
        NullLogger<DynamoDBReminderTable>.Instance);
}
