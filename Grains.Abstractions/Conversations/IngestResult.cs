namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>What a conversation made of a batch of updates once they were durably stored.</summary>
/// <param name="Applied">Updates that produced new events.</param>
/// <param name="Duplicates">Updates already known (redeliveries), acknowledged without a new event.</param>
/// <param name="Version">The conversation's event version after the batch.</param>
[GenerateSerializer, Immutable, Alias("waapp.IngestResult")]
public sealed record IngestResult(int Applied, int Duplicates, int Version);
