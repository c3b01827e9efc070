using System.Collections.Frozen;
using Serilog.Core;
using Serilog.Events;

namespace WaApp.ServiceDefaults.Logging;

/// <summary>
/// The last line of defence for personal data in logs: above Debug, log
/// properties that hold phone numbers are masked and properties that hold message text are replaced by their length,
/// whatever code logged them. Debug keeps them for local troubleshooting.
/// </summary>
internal sealed class PersonalDataEnricher : ILogEventEnricher
{
    private const string ConversationKeyProperty = "ConversationKey";

    private static readonly FrozenSet<string> PhoneNumberProperties = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "PhoneNumber", "ContactId", "WaId", "From", "To", "Recipient", "DisplayPhoneNumber");

    private static readonly FrozenSet<string> TextProperties = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "Text", "Body", "MessageText", "Caption");

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Level <= LogEventLevel.Debug)
        {
            return;
        }

        foreach (var (name, value) in logEvent.Properties.ToArray())
        {
            if (value is not ScalarValue { Value: string text })
            {
                continue;
            }

            var masked = PhoneNumberProperties.Contains(name) ? PersonalData.MaskPhoneNumber(text)
                : TextProperties.Contains(name) ? PersonalData.DescribeText(text)
                : name.Equals(ConversationKeyProperty, StringComparison.OrdinalIgnoreCase) ? MaskConversationKey(text)
                : null;
            if (masked is not null)
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(masked)));
            }
        }
    }

    // "{phoneNumberId}:{contactId}": the business's number id is not personal, the customer's id is.
    private static string MaskConversationKey(string key)
    {
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        return separator < 0 ? key : string.Concat(key.AsSpan(0, separator + 1), PersonalData.MaskPhoneNumber(key[(separator + 1)..]));
    }
}
