namespace WaApp.Grains.Conversations;

/// <summary>The customer's latest choice for one category of messages (e.g. marketing: <c>stop</c> or <c>resume</c>).</summary>
[GenerateSerializer, Alias("waapp.PreferenceRecord")]
public sealed class PreferenceRecord
{
    [Id(0)]
    public string Value { get; set; } = string.Empty;

    [Id(1)]
    public DateTimeOffset Timestamp { get; set; }
}
