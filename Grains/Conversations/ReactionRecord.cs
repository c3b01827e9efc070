namespace WaApp.Grains.Conversations;

/// <summary>The customer's current reaction to one message; <see cref="Emoji"/> null once removed.</summary>
/// <remarks>Kept after a removal so that an older reaction arriving late cannot bring it back.</remarks>
[GenerateSerializer, Alias("waapp.ReactionRecord")]
public sealed class ReactionRecord
{
    [Id(0)]
    public string? Emoji { get; set; }

    /// <summary>When the customer reacted or removed the reaction (Meta's clock).</summary>
    [Id(1)]
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The wamid of the reaction message that set this.</summary>
    [Id(2)]
    public string MessageId { get; set; } = string.Empty;
}
