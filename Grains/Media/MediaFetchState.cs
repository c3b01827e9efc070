using WaApp.Grains.Abstractions.Media;

namespace WaApp.Grains.Media;

/// <summary>The stored progress of one file's fetch: what to fetch, how often it was tried, and how it ended.</summary>
[GenerateSerializer, Alias("waapp.MediaFetchState")]
public sealed class MediaFetchState
{
    [Id(0)]
    public MediaFetchRequest? Request { get; set; }

    [Id(1)]
    public int Attempts { get; set; }

    [Id(2)]
    public DateTimeOffset NextAttemptAt { get; set; }

    [Id(3)]
    public string? LastError { get; set; }

    /// <summary>Set once the fetch ended; <see cref="Reported"/> once the conversation recorded it.</summary>
    [Id(4)]
    public MediaFetchOutcome? Outcome { get; set; }

    [Id(5)]
    public bool Reported { get; set; }
}
