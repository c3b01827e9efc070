using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// A business number's settings, stored as their own grain-state item (state name <c>business-settings</c>): the
/// conversation index and counters grow with traffic, and a settings update must never fail because of them.
/// </summary>
[GenerateSerializer, Alias("waapp.BusinessSettingsState")]
public sealed class BusinessSettingsState
{
    [Id(0)]
    public BusinessSettings Settings { get; set; } = BusinessSettings.Default;
}
