using Serilog.Events;
using Serilog.Parsing;
using WaApp.ServiceDefaults.Logging;

namespace WaApp.ServiceDefaults.Tests.Logging;

public sealed class PersonalDataEnricherTests
{
    [Fact]
    public void Above_debug_phone_numbers_are_masked_and_text_removed()
    {
        var logEvent = Event(LogEventLevel.Information);

        new PersonalDataEnricher().Enrich(logEvent, null!);

        Assert.Equal("14*******23", Scalar(logEvent, "ContactId"));
        Assert.Equal("[text: 5 chars]", Scalar(logEvent, "Text"));
        Assert.Equal("117283940561728:14*******23", Scalar(logEvent, "ConversationKey"));
        Assert.Equal("42", Scalar(logEvent, "Other"));
    }

    [Fact]
    public void Debug_keeps_them_for_local_troubleshooting()
    {
        var logEvent = Event(LogEventLevel.Debug);

        new PersonalDataEnricher().Enrich(logEvent, null!);

        Assert.Equal("14155550123", Scalar(logEvent, "ContactId"));
        Assert.Equal("Hello", Scalar(logEvent, "Text"));
    }

    private static LogEvent Event(LogEventLevel level) => new(
        DateTimeOffset.UtcNow,
        level,
        exception: null,
        new MessageTemplateParser().Parse("Message from {ContactId}: {Text}"),
        [
            new LogEventProperty("ContactId", new ScalarValue("14155550123")),
            new LogEventProperty("Text", new ScalarValue("Hello")),
            new LogEventProperty("ConversationKey", new ScalarValue("117283940561728:14155550123")),
            new LogEventProperty("Other", new ScalarValue("42")),
        ]);

    private static string? Scalar(LogEvent logEvent, string name) => (logEvent.Properties[name] as ScalarValue)?.Value as string;
}
