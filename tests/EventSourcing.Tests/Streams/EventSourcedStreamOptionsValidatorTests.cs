using Microsoft.Extensions.Options;
using Orleans.Runtime;
using WaApp.EventSourcing.Streams;

namespace WaApp.EventSourcing.Tests.Streams;

public sealed class EventSourcedStreamOptionsValidatorTests
{
    [Fact]
    public void The_defaults_pass_and_a_negative_interval_or_an_unbounded_page_fails_naming_both()
    {
        new EventSourcedStreamOptionsValidator(Options.Create(new EventSourcedStreamOptions())).ValidateConfiguration();
        new EventSourcedStreamOptionsValidator(Options.Create(new EventSourcedStreamOptions { SnapshotInterval = 0 })).ValidateConfiguration();

        var error = Assert.Throws<OrleansConfigurationException>(() =>
            new EventSourcedStreamOptionsValidator(Options.Create(new EventSourcedStreamOptions { ReadPageSize = 0, SnapshotInterval = -1 })).ValidateConfiguration());

        Assert.Contains("SnapshotInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReadPageSize", error.Message, StringComparison.Ordinal);
    }
}
