using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd.LiveFeed;

/// <summary>One webhook body carrying many text messages (from several customers) to the shared test number.</summary>
internal static class BatchWebhooks
{
    public static byte[] Texts(IEnumerable<(string Contact, string MessageId, string Text)> messages) =>
        WebhookBodies.Texts(
            UniqueWebhooks.PhoneNumberId,
            messages.Select(message => new WebhookBodies.Text(message.Contact, message.MessageId, message.Text, DateTimeOffset.UtcNow, "Load Test")),
            UniqueWebhooks.DisplayPhoneNumber);
}
