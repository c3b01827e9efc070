namespace WaApp.WhatsApp.Webhooks;

/// <summary>The <c>changes[].field</c> names WaApp handles specifically; any other field is kept raw.</summary>
public static class WebhookFields
{
    public const string Messages = "messages";
    public const string UserPreferences = "user_preferences";
    public const string MessageTemplateStatusUpdate = "message_template_status_update";
    public const string PhoneNumberQualityUpdate = "phone_number_quality_update";
    public const string AccountUpdate = "account_update";
}
