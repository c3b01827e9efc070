namespace WaApp.Grains.Abstractions.Business;

/// <summary>One problem with submitted settings; <paramref name="Field"/> is its JSON path, e.g. <c>businessHours.timeZone</c>.</summary>
[GenerateSerializer, Immutable, Alias("waapp.SettingsFieldError")]
public sealed record SettingsFieldError(string Field, string Message);
