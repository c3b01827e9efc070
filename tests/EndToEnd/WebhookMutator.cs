using System.Text;

namespace WaApp.EndToEnd;

/// <summary>
/// A plain randomized mutator (not coverage-guided: SharpFuzz is not in the NuGet copy this project builds from):
/// byte flips, cuts, duplications, splices of two seeds, and JSON-aware swaps of a value for a hostile one (huge
/// strings and arrays, deep nesting, wrong types, numbers at the edges, invalid UTF-8).
/// </summary>
internal sealed class WebhookMutator(IReadOnlyList<byte[]> seeds, int seed)
{
    private static readonly string[] HostileValues =
    [
        "null", "true", "0", "-1", "1e309", "-9223372036854775809", "18446744073709551616", "\"\"", "[]", "{}",
        "\"\\u0000\"", "\"\\ud800\"", "\"wamid.\\\"quoted\\\"\"", "[null,1,\"x\",{}]", "{\"id\":{\"id\":[]}}",
    ];

    private readonly Random _random = new(seed);

    public byte[] Next()
    {
        var body = seeds[_random.Next(seeds.Count)].ToList();
        var rounds = 1 + _random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            Mutate(body);
        }

        return [.. body];
    }

    private void Mutate(List<byte> body)
    {
        switch (_random.Next(8))
        {
            case 0 when body.Count > 0:
                body[_random.Next(body.Count)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when body.Count > 0:
                Truncate(body);
                break;
            case 2 when body.Count > 1:
                var start = _random.Next(body.Count - 1);
                var length = _random.Next(1, Math.Min(256, body.Count - start));
                body.InsertRange(_random.Next(body.Count), body.GetRange(start, length));
                break;
            case 3:
                var other = seeds[_random.Next(seeds.Count)];
                var cut = _random.Next(body.Count + 1);
                body.RemoveRange(cut, body.Count - cut);
                body.AddRange(other.Skip(_random.Next(other.Length)));
                break;
            case 4:
                ReplaceValue(body, Encoding.UTF8.GetBytes(HostileValues[_random.Next(HostileValues.Length)]));
                break;
            case 5:
                var depth = _random.Next(1, 5_000);
                ReplaceValue(body, Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth)));
                break;
            case 6:
                ReplaceValue(body, _random.Next(2) == 0
                    ? Encoding.ASCII.GetBytes("\"" + new string('a', _random.Next(1, 1_000_000)) + "\"")
                    : Encoding.ASCII.GetBytes("[" + string.Join(',', Enumerable.Repeat("{\"id\":\"x\"}", _random.Next(1, 20_000))) + "]"));
                break;
            default:
                body.Insert(_random.Next(body.Count + 1), (byte)_random.Next(0x80, 0x100));
                break;
        }
    }

    private void Truncate(List<byte> body)
    {
        var keep = _random.Next(body.Count + 1);
        body.RemoveRange(keep, body.Count - keep);
    }

    // Replaces the value after a random '":' with the given JSON text (up to the next ',', '}' or ']').
    private void ReplaceValue(List<byte> body, byte[] value)
    {
        var colons = new List<int>();
        for (var i = 1; i < body.Count; i++)
        {
            if (body[i] == ':' && body[i - 1] == '"')
            {
                colons.Add(i);
            }
        }

        if (colons.Count == 0)
        {
            body.AddRange(value);
            return;
        }

        var from = colons[_random.Next(colons.Count)] + 1;
        var to = from;
        while (to < body.Count && body[to] is not (byte)',' and not (byte)'}' and not (byte)']')
        {
            to++;
        }

        body.RemoveRange(from, to - from);
        body.InsertRange(from, value);
    }
}
