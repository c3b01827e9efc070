namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>
/// Any message given as Meta's own object for its type: <paramref name="Json"/> is the compact JSON of the
/// <c>"{type}": {…}</c> member exactly as the Cloud API documents it (an interactive list, a template with
/// components, an image by id or link…), checked against Meta's limits before it is queued.
/// </summary>
/// <param name="MessageType">Meta's message type: <c>image</c>, <c>interactive</c>, <c>template</c>, <c>reaction</c>…</param>
/// <param name="Json">The type's object as compact JSON (at most <see cref="MaxJsonLength"/> characters).</param>
/// <param name="Summary">What a person reads in the conversation: the body, caption, emoji or a short label.</param>
[GenerateSerializer, Immutable, Alias("waapp.MessageObjectContent")]
public sealed record MessageObjectContent(string MessageType, string Json, string? Summary) : OutboundContent
{
    /// <summary>
    /// The largest message object kept: a list or carousel at Meta's limits takes well under half of it, and a queued
    /// message with it stays far inside one event commit.
    /// </summary>
    public const int MaxJsonLength = 32 * 1024;

    public override string Type => MessageType;

    /// <summary>Templates are the only messages WhatsApp delivers outside the 24-hour window.</summary>
    public override bool NeedsOpenWindow => MessageType != "template";

    public override string? Preview => Summary;
}
