using WaApp.Grains.Abstractions.Templates;

namespace WaApp.Grains.Templates;

/// <summary>
/// Keeps a catalog within its stored-size budget, so it can always be written: components of templates that cannot
/// be sent go first, then those of approved templates (by name, last first); a template without components is still
/// listed and checked by status.
/// </summary>
public static class TemplateCatalogFit
{
    private const int OverheadPerTemplate = 300;

    public static List<MessageTemplate> Fit(IEnumerable<MessageTemplate> templates, int maxChars)
    {
        var list = templates.ToList();
        var size = list.Sum(Size);
        if (size <= maxChars)
        {
            return list;
        }

        var order = list
            .Select((template, index) => (template, index))
            .Where(pair => pair.template.ComponentsJson is not null)
            .OrderBy(pair => string.Equals(pair.template.Status, "APPROVED", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .ThenByDescending(pair => pair.template.Name, StringComparer.Ordinal)
            .Select(pair => pair.index)
            .ToList();
        foreach (var index in order)
        {
            if (size <= maxChars)
            {
                break;
            }

            size -= list[index].ComponentsJson!.Length;
            list[index] = list[index] with { ComponentsJson = null };
        }

        // Only names and statuses left and still too many: keep the sendable ones.
        while (size > maxChars && list.Count > 0)
        {
            var drop = list.FindLastIndex(template => !string.Equals(template.Status, "APPROVED", StringComparison.OrdinalIgnoreCase));
            drop = drop < 0 ? list.Count - 1 : drop;
            size -= Size(list[drop]);
            list.RemoveAt(drop);
        }

        return list;
    }

    public static int Size(MessageTemplate template) =>
        OverheadPerTemplate + template.Name.Length + template.Language.Length + (template.ComponentsJson?.Length ?? 0) + (template.Reason?.Length ?? 0);
}
