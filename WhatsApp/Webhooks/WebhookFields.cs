namespace WaApp.WhatsApp.Webhooks;

/// <summary>The <c>changes[].field</c> names WaApp handles specifically; any other field is kept raw.</summary>
public static class WebhookFields
{
    public const string Messages = "messages";
    public const string UserPreferences = "user_preferences";
    public const string MessageTemplateStatusUpdate = "message_template_status_update";
    public const string PhoneNumberQualityUpdate = "phone_number_quality_update";
    public const string AccountUpdate = "account_update";
    public const string Calls = "calls";
    public const string SmbMessageEchoes = "smb_message_echoes";
    public const string History = "history";
    public const string SmbAppStateSync = "smb_app_state_sync";
    public const string GroupLifecycleUpdate = "group_lifecycle_update";
    public const string GroupParticipantsUpdate = "group_participants_update";
    public const string GroupSettingsUpdate = "group_settings_update";
    public const string GroupStatusUpdate = "group_status_update";

    /// <summary>The Groups API fields: each value carries <c>groups[]</c> events about groups of the business number.</summary>
    public static bool IsGroupField(string field) =>
        field is GroupLifecycleUpdate or GroupParticipantsUpdate or GroupSettingsUpdate or GroupStatusUpdate;
}
