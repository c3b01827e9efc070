namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// One WhatsApp Business Account (key: the WABA id, Meta's <c>entry.id</c>). It keeps the account-level notices Meta
/// sends: template status, number quality, account updates, value-level errors and fields WaApp does not model yet.
/// Keyed by WABA because most of these name no phone number.
/// </summary>
[Alias("waapp.IBusinessAccountGrain")]
public interface IBusinessAccountGrain : IGrainWithStringKey
{
    /// <summary>Stores the notices (a redelivered notice is recognised and not stored again) and returns once durable.</summary>
    [Alias("Record")]
    Task<int> RecordAsync(IReadOnlyList<BusinessNotice> notices);

    /// <summary>The newest notices, newest last.</summary>
    [Alias("GetNotices")]
    Task<IReadOnlyList<BusinessNotice>> GetNoticesAsync(int limit);

    /// <summary>
    /// The category Meta gave the template (<c>MARKETING</c>, <c>UTILITY</c>, <c>AUTHENTICATION</c>) in its newest
    /// template status notice for that name and language; null when no notice said.
    /// </summary>
    [Alias("GetTemplateCategory")]
    Task<string?> GetTemplateCategoryAsync(string name, string languageCode);
}
