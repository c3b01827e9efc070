using System.Collections.ObjectModel;

namespace WaApp.Grains.Conversations;

/// <summary>
/// The per-feature collections of <see cref="ConversationState"/> are created on their first entry: most
/// conversations never hold a delivery, reaction, preference, media file, outbound message or pending edit, and an
/// empty dictionary costs 80 bytes in every active conversation (twice over: Orleans keeps a copy of each journaled
/// grain's initial state for as long as it is active). Readers see an empty read-only view until then.
/// </summary>
internal static class LazyCollections
{
    /// <summary>The map in <paramref name="field"/>, created empty (ordinal keys) if it was not yet.</summary>
    public static Dictionary<string, T> Map<T>(ref Dictionary<string, T>? field) => field ??= new(StringComparer.Ordinal);

    /// <summary>What a snapshot or a copy hands over: kept only if it holds something, with ordinal keys.</summary>
    public static Dictionary<string, T>? From<T>(IReadOnlyDictionary<string, T>? value) =>
        value is not { Count: > 0 } ? null
        // A default string comparer compares ordinally too (it is what a snapshot's JSON reader creates).
        : value is Dictionary<string, T> { Comparer: var comparer } map
            && (ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default)) ? map
        : new Dictionary<string, T>(value, StringComparer.Ordinal);

    /// <summary>The read-only view of a map that may not exist yet.</summary>
    public static IReadOnlyDictionary<string, T> View<T>(Dictionary<string, T>? field) => (IReadOnlyDictionary<string, T>?)field ?? ReadOnlyDictionary<string, T>.Empty;
}
