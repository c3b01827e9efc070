namespace WaApp.Grains.Outbound;

/// <summary>
/// What a sender keeps across activations: its number-wide pause. Stored in the sender's own grain-state item, so
/// a silo restart (or a deploy that changes the token) finds the pause where it was left.
/// </summary>
[GenerateSerializer, Alias("waapp.SenderState")]
public sealed class SenderState
{
    [Id(0)]
    public bool Paused { get; set; }

    [Id(1)]
    public string? Reason { get; set; }

    [Id(2)]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Meta's error code that paused the number; null for an account notice.</summary>
    [Id(3)]
    public int? Code { get; set; }

    /// <summary>
    /// For a pause caused by a token error: a fingerprint of the token that failed. Any other token resumes sending,
    /// including one set while the silo was down.
    /// </summary>
    [Id(4)]
    public string? FailedTokenFingerprint { get; set; }
}
