using System.Globalization;

namespace WaApp.Bench;

/// <summary><c>--name value</c> pairs after the command name; every value has a default so runs stay one-liners.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public BenchArguments(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (name is null)
            {
                name = arg.StartsWith("--", StringComparison.Ordinal)
                    ? arg[2..]
                    : throw new ArgumentException($"Expected an option like --name, got '{arg}'.");
            }
            else
            {
                _values[name] = arg;
                name = null;
            }
        }

        if (name is not null)
        {
            throw new ArgumentException($"Option --{name} needs a value.");
        }
    }

    public string Text(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) ? value
        : fallback ?? throw new ArgumentException($"Option --{name} is required.");

    public int Number(string name, int fallback)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"Option --{name} must be a positive whole number, got '{value}'.");
    }

    /// <summary>A whole number that may be 0 (an offset).</summary>
    public int Offset(string name)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return 0;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new ArgumentException($"Option --{name} must be a whole number (0 or more), got '{value}'.");
    }

    /// <summary>A whole percentage, 0 to 90 (at least some bodies stay messages for the loss check).</summary>
    public int Percent(string name)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return 0;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent <= 90
            ? percent
            : throw new ArgumentException($"Option --{name} must be a whole percentage from 0 to 90, got '{value}'.");
    }

    /// <summary>Durations like <c>30s</c>, <c>2m</c> or a TimeSpan (<c>00:00:30</c>).</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return fallback;
        }

        if (value.EndsWith('s') && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (value.EndsWith('m') && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
        {
            return TimeSpan.FromMinutes(minutes);
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new ArgumentException($"Option --{name} must be a duration like 30s, 2m or 00:00:30, got '{value}'.");
    }
}
