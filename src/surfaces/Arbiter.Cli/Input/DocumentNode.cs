using System.Globalization;
using Arbiter.Cli.App;
using YamlDotNet.RepresentationModel;

namespace Arbiter.Cli.Input;

/// <summary>
/// A node of a JSON or YAML input document with its path (e.g. <c>processes[1].allocation</c>) and source line,
/// so that every error can say exactly where it is. Thin typed accessors over YamlDotNet's representation model.
/// </summary>
internal sealed class DocumentNode
{
    private readonly YamlNode _node;

    public DocumentNode(string file, string path, YamlNode node)
    {
        File = file;
        Path = path;
        _node = node;
    }

    public string File { get; }

    public string Path { get; }

    /// <summary>1-based line of the node in its file.</summary>
    public long Line => _node.Start.Line;

    public bool IsNull => _node is YamlScalarNode { Value: null or "" or "~" or "null" } s && s.Style == YamlDotNet.Core.ScalarStyle.Plain;

    public bool IsMapping => _node is YamlMappingNode;

    public bool IsSequence => _node is YamlSequenceNode;

    public InputException Error(string message) =>
        new($"{File}:{Line}: {(Path.Length > 0 ? Path + ": " : "")}{message}");

    public IReadOnlyList<(string Key, DocumentNode Value)> Entries(string what = "a mapping")
    {
        if (_node is not YamlMappingNode map)
        {
            throw Error($"expected {what}");
        }

        var entries = new List<(string, DocumentNode)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            string key = k is YamlScalarNode ks ? ks.Value ?? "" : throw new DocumentNode(File, Path, k).Error("keys must be plain names");
            if (!seen.Add(key))
            {
                throw new DocumentNode(File, Child(key), k).Error("given twice");
            }

            entries.Add((key, new DocumentNode(File, Child(key), v)));
        }

        return entries;
    }

    /// <summary>The mapping's entries, rejecting keys outside <paramref name="allowed"/> with a did-you-mean hint.</summary>
    public Dictionary<string, DocumentNode> Fields(params string[] allowed)
    {
        var fields = new Dictionary<string, DocumentNode>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries())
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                string? hint = Suggest(key, allowed);
                throw new DocumentNode(File, Child(key), value._node).Error(
                    $"unknown field '{key}'" + (hint is null ? $" (expected one of: {string.Join(", ", allowed)})" : $" (did you mean '{hint}'?)"));
            }

            // An explicit null (as JSON writers emit for absent values) means the same as leaving the field out.
            if (!value.IsNull)
            {
                fields[key] = value;
            }
        }

        return fields;
    }

    public IReadOnlyList<DocumentNode> Items(string what = "a list")
    {
        if (_node is not YamlSequenceNode seq)
        {
            throw Error($"expected {what}");
        }

        return seq.Children.Select((n, i) => new DocumentNode(File, $"{Path}[{i}]", n)).ToArray();
    }

    public string Text(string what = "a name")
    {
        if (_node is not YamlScalarNode { Value: { } v } || IsNull)
        {
            throw Error($"expected {what}");
        }

        return v;
    }

    public int Int(string what = "a whole number")
    {
        string text = Text(what);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw Error($"expected {what}, got '{text}'");
        }

        return value;
    }

    public int NonNegativeInt(string what = "a whole number ≥ 0")
    {
        int value = Int(what);
        return value >= 0 ? value : throw Error($"must not be negative (got {value})");
    }

    public double Number(string what = "a number")
    {
        string text = Text(what);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw Error($"expected {what}, got '{text}'");
        }

        return value;
    }

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private static string? Suggest(string key, string[] allowed)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in allowed)
        {
            int d = Levenshtein(key.ToLowerInvariant(), candidate);
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int previous = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
