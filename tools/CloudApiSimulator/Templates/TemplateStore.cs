using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>The simulated accounts' templates, keyed by account, name and language (one review per pair, like Meta).</summary>
public sealed class TemplateStore
{
    private readonly ConcurrentDictionary<(string WabaId, string Name, string Language), SimulatedTemplate> _templates = new();
    private long _sequence;

    /// <summary>Adds a new template; false when the account already has that name in that language.</summary>
    public bool TryAdd(SimulatedTemplate template)
    {
        template.Sequence = Interlocked.Increment(ref _sequence);
        return _templates.TryAdd((template.WabaId, template.Name, template.Language), template);
    }

    public SimulatedTemplate? FindById(string id) => _templates.Values.FirstOrDefault(template => template.Id == id);

    public SimulatedTemplate? Find(string wabaId, string name, string language) =>
        _templates.TryGetValue((wabaId, name, language), out var template) ? template : null;

    public bool HasName(string wabaId, string name) => _templates.Keys.Any(key => key.WabaId == wabaId && key.Name == name);

    /// <summary>The account's templates in a stable order (by id, which grows), for cursor paging.</summary>
    public IReadOnlyList<SimulatedTemplate> List(string wabaId) =>
        [.. _templates.Values.Where(template => template.WabaId == wabaId).OrderBy(template => template.Sequence)];

    /// <summary>Deletes every language of <paramref name="name"/>, as Meta's delete by name does; returns the deleted.</summary>
    public IReadOnlyList<SimulatedTemplate> RemoveName(string wabaId, string name)
    {
        var removed = new List<SimulatedTemplate>();
        foreach (var key in _templates.Keys.Where(key => key.WabaId == wabaId && key.Name == name))
        {
            if (_templates.TryRemove(key, out var template))
            {
                removed.Add(template);
            }
        }

        return removed;
    }

    public void Clear() => _templates.Clear();

    /// <summary>A numeric id like Meta's template ids (15–16 digits).</summary>
    public static string NewId() => (1_000_000_000_000_000L + RandomNumberGenerator.GetInt32(int.MaxValue) * 1000L + RandomNumberGenerator.GetInt32(1000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
