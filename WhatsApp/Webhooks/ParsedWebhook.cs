namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// What <see cref="WebhookParser.Parse"/> found in a signed body: the routed updates in body order, and what was
/// left out on purpose, so the gateway can say why it acknowledged a body that changed nothing.
/// </summary>
/// <param name="Object">The body's <c>object</c>: <see cref="WhatsAppObject"/>, or another Meta product.</param>
/// <param name="Updates">Every update of every entry and change, dashboard samples left out.</param>
/// <param name="DashboardSampleCount">Entries with id <c>0</c> that the App Dashboard "Test" button posts.</param>
public sealed record ParsedWebhook(string Object, IReadOnlyList<WebhookUpdate> Updates, int DashboardSampleCount)
{
    public const string WhatsAppObject = "whatsapp_business_account";

    /// <summary>False for an authentic body about another Meta product (e.g. <c>page</c>): acknowledged, not processed.</summary>
    public bool IsWhatsApp => Object == WhatsAppObject;
}
