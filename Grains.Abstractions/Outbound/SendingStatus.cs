using System.Text.Json.Serialization;

namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>
/// Whether a business number may send (its number-wide breaker). <see cref="Paused"/> holds every queued message
/// of the number until an operator resumes it or, after a token error, the access token changes.
/// </summary>
/// <param name="State"><see cref="Active"/> or <see cref="Paused"/>.</param>
/// <param name="Reason">Why sending is paused, in words an operator can act on; null when active.</param>
/// <param name="Since">When the pause began; null when active.</param>
/// <param name="Code">Meta's error code that paused it; null when active or when an account notice paused it.</param>
[GenerateSerializer, Immutable, Alias("waapp.SendingStatus")]
public sealed record SendingStatus(
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Since = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Code = null)
{
    public const string Active = "active";
    public const string Paused = "paused";

    public static SendingStatus Running { get; } = new(Active);

    [JsonIgnore]
    public bool IsPaused => State == Paused;
}
