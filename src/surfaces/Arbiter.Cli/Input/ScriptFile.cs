using Arbiter.Cli.App;
using Arbiter.Core.Deadlock.Prevention;

namespace Arbiter.Cli.Input;

/// <summary>
/// Reads an acquisition script (JSON or YAML) for the prevention checks:
/// <code>
/// resources: [A, B]        # list order is the global resource order
/// instances: {A: 1}        # optional, default 1 each
/// levels: {A: 2, B: 1}     # optional, for the lock hierarchy
/// processes:
///   - name: P1
///     steps: [acquire A, acquire B, release B, release A]   # "acquire A, B" takes both at once
/// </code>
/// </summary>
internal static class ScriptFile
{
    public static AcquisitionScript Load(string path) => Read(DocumentLoader.Load(path));

    public static AcquisitionScript Parse(string path, string text) => Read(DocumentLoader.Parse(path, text));

    private static AcquisitionScript Read(DocumentNode root)
    {
        var top = root.Fields("resources", "instances", "levels", "processes");
        if (!top.TryGetValue("resources", out var resourcesNode))
        {
            throw root.Error("missing field 'resources'");
        }

        if (!top.TryGetValue("processes", out var processesNode))
        {
            throw root.Error("missing field 'processes'");
        }

        var resources = resourcesNode.Items("a list of resource names").Select(r => r.Text("a resource name")).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, name) in resourcesNode.Items().Zip(resources))
        {
            if (!seen.Add(name))
            {
                throw item.Error($"resource '{name}' is listed twice");
            }
        }

        Dictionary<string, int>? Counts(string field, bool positive)
        {
            if (!top.TryGetValue(field, out var node))
            {
                return null;
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (key, value) in node.Entries($"a map from resource name to a number"))
            {
                if (!resources.Contains(key))
                {
                    throw value.Error($"unknown resource '{key}' (resources are {string.Join(", ", resources)})");
                }

                int count = value.Int();
                if (positive && count < 1)
                {
                    throw value.Error($"must be at least 1 (got {count})");
                }

                counts[key] = count;
            }

            return counts;
        }

        var instances = Counts("instances", positive: true);
        var levels = Counts("levels", positive: false);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var processes = processesNode.Items("a list of processes").Select(node =>
        {
            var fields = node.Fields("name", "steps");
            if (!fields.TryGetValue("name", out var nameNode))
            {
                throw node.Error("missing field 'name'");
            }

            string name = nameNode.Text("a process name");
            if (!names.Add(name))
            {
                throw nameNode.Error($"process '{name}' is listed twice");
            }

            if (!fields.TryGetValue("steps", out var stepsNode))
            {
                throw node.Error("missing field 'steps'");
            }

            return new ScriptProcess(name, stepsNode.Items("a list of steps").Select(s => Step(s, resources)).ToArray());
        }).ToArray();

        try
        {
            return new AcquisitionScript(resources, processes, instances, levels);
        }
        catch (AcquisitionScriptException e)
        {
            throw new InputException($"{root.File}: {(e.Field.Length > 0 ? e.Field + ": " : "")}{e.Message}", e);
        }
    }

    /// <summary>"acquire A" / "acquire A, B" (all at once) / "release B".</summary>
    private static ScriptStep Step(DocumentNode node, List<string> resources)
    {
        string text = node.Text("a step such as 'acquire A' or 'release A'").Trim();
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        string verb = space < 0 ? text : text[..space];
        StepKind kind = verb switch
        {
            "acquire" => StepKind.Acquire,
            "release" => StepKind.Release,
            _ => throw node.Error($"unknown step '{text}' (expected 'acquire R[, R…]' or 'release R[, R…]')"),
        };
        var names = space < 0 ? [] : text[(space + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            throw node.Error($"'{verb}' needs at least one resource");
        }

        foreach (string name in names)
        {
            if (!resources.Contains(name))
            {
                throw node.Error($"unknown resource '{name}' (resources are {string.Join(", ", resources)})");
            }
        }

        return new ScriptStep(kind, names);
    }
}
