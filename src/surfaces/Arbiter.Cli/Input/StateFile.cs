using Arbiter.Cli.App;
using Arbiter.Core.Resources;

namespace Arbiter.Cli.Input;

/// <summary>
/// Reads a resource-state file (JSON or YAML, same schema) into a validated <see cref="ResourceLedger"/>:
/// <code>
/// resources: [A, B, C]      # column order of every vector
/// total: [10, 5, 7]         # give total or available (or both; then they must agree)
/// available: [3, 3, 2]
/// processes:
///   - name: P0
///     allocation: [0, 1, 0] # or a map {A: 0, B: 1, C: 0}
///     max: [7, 5, 3]
///     request: [0, 0, 0]
///     priority: 1           # optional
///     cpu_time: 12.5        # optional
/// </code>
/// Single-instance states may use <c>holds: [R1]</c> / <c>requests: [R2]</c> per process; then <c>resources</c> may be
/// omitted (taken in order of first mention) and each resource has one instance unless <c>total</c> says otherwise.
/// Every error names the file, line and field.
/// </summary>
internal static class StateFile
{
    private static readonly string[] TopFields = ["resources", "total", "available", "processes"];

    private static readonly string[] ProcessFields =
        ["name", "allocation", "max", "request", "holds", "requests", "priority", "cpu_time", "rollbacks", "checkpoint"];

    public static ResourceLedger Load(string path) => Read(DocumentLoader.Load(path));

    public static ResourceLedger Parse(string path, string text) => Read(DocumentLoader.Parse(path, text));

    private static ResourceLedger Read(DocumentNode root)
    {
        var lines = new Dictionary<string, long>(StringComparer.Ordinal) { [""] = root.Line };
        var top = root.Fields(TopFields);
        if (!top.TryGetValue("processes", out var processesNode))
        {
            throw root.Error("missing field 'processes'");
        }

        lines["processes"] = processesNode.Line;
        var processNodes = processesNode.Items("a list of processes");
        var processFields = processNodes.Select(node =>
        {
            var fields = node.Fields(ProcessFields);
            lines[node.Path] = node.Line;
            foreach (var (key, value) in fields)
            {
                lines[value.Path] = value.Line;
            }

            return (node, fields);
        }).ToArray();

        bool named = processFields.Any(p => p.fields.ContainsKey("holds") || p.fields.ContainsKey("requests"));
        List<string> resources;
        if (top.TryGetValue("resources", out var resourcesNode))
        {
            lines["resources"] = resourcesNode.Line;
            resources = resourcesNode.Items("a list of resource names").Select(r => r.Text("a resource name")).ToList();
        }
        else if (named)
        {
            // Single-instance shorthand: resources in order of first mention.
            resources = [];
            foreach (var (_, fields) in processFields)
            {
                foreach (string key in new[] { "holds", "requests" })
                {
                    if (fields.TryGetValue(key, out var list))
                    {
                        foreach (var item in list.Items("a list of resource names"))
                        {
                            string name = item.Text("a resource name");
                            if (!resources.Contains(name))
                            {
                                resources.Add(name);
                            }
                        }
                    }
                }
            }
        }
        else
        {
            throw root.Error("missing field 'resources'");
        }

        int[]? total = top.TryGetValue("total", out var totalNode) ? Vector(totalNode, resources, lines) : null;
        int[]? available = top.TryGetValue("available", out var availableNode) ? Vector(availableNode, resources, lines) : null;
        if (total is null && available is null)
        {
            if (!named)
            {
                throw root.Error("give 'total' or 'available' (or both)");
            }

            total = Enumerable.Repeat(1, resources.Count).ToArray();
        }

        var processes = new List<ProcessSpec>();
        foreach (var (node, f) in processFields)
        {
            if (!f.TryGetValue("name", out var nameNode))
            {
                throw node.Error("missing field 'name'");
            }

            string name = nameNode.Text("a process name");
            Conflict(f, "allocation", "holds");
            Conflict(f, "request", "requests");
            processes.Add(new ProcessSpec(
                name,
                f.TryGetValue("allocation", out var a) ? Vector(a, resources, lines) : f.TryGetValue("holds", out var h) ? Counts(h, resources) : null,
                f.TryGetValue("max", out var mx) ? Vector(mx, resources, lines) : null,
                f.TryGetValue("request", out var rq) ? Vector(rq, resources, lines) : f.TryGetValue("requests", out var rs) ? Counts(rs, resources) : null,
                f.TryGetValue("priority", out var pr) ? pr.NonNegativeInt() : 0,
                f.TryGetValue("cpu_time", out var ct) ? NonNegative(ct) : 0,
                f.TryGetValue("rollbacks", out var rb) ? rb.NonNegativeInt() : 0,
                f.TryGetValue("checkpoint", out var cp) ? Vector(cp, resources, lines) : null));
        }

        try
        {
            return ResourceLedger.FromSpec(new LedgerSpec(resources, total, available, processes));
        }
        catch (LedgerValidationException e)
        {
            // The core names the field by path; find the nearest line we saw for it.
            string path = e.Field;
            while (path.Length > 0 && !lines.ContainsKey(path))
            {
                int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                path = cut > 0 ? path[..cut] : "";
            }

            string where = e.Field.Length == 0 ? "" : e.Field + (e.Process is null ? "" : $" ({e.Process})") + ": ";
            throw new InputException($"{root.File}:{lines[path]}: {where}{e.Message}", e);
        }
    }

    private static void Conflict(Dictionary<string, DocumentNode> fields, string vector, string names)
    {
        if (fields.ContainsKey(vector) && fields.TryGetValue(names, out var node))
        {
            throw node.Error($"give either '{vector}' or '{names}', not both");
        }
    }

    private static double NonNegative(DocumentNode node)
    {
        double value = node.Number();
        return value >= 0 ? value : throw node.Error($"must not be negative (got {value})");
    }

    /// <summary>A vector as a list in resource order or as a map from resource name to count (missing = 0).</summary>
    private static int[] Vector(DocumentNode node, List<string> resources, Dictionary<string, long> lines)
    {
        lines[node.Path] = node.Line;
        if (node.IsMapping)
        {
            var vector = new int[resources.Count];
            foreach (var (key, value) in node.Entries())
            {
                int r = resources.IndexOf(key);
                if (r < 0)
                {
                    throw value.Error($"unknown resource '{key}' (resources are {string.Join(", ", resources)})");
                }

                vector[r] = value.NonNegativeInt();
            }

            return vector;
        }

        var items = node.Items($"a list of {resources.Count} numbers ({string.Join(", ", resources)}) or a map");
        if (items.Count != resources.Count)
        {
            throw node.Error($"expected {resources.Count} numbers ({string.Join(", ", resources)}), got {items.Count}");
        }

        return items.Select(i => i.NonNegativeInt()).ToArray();
    }

    /// <summary>A list of resource names, one instance each (a name may repeat).</summary>
    private static int[] Counts(DocumentNode node, List<string> resources)
    {
        var vector = new int[resources.Count];
        foreach (var item in node.Items("a list of resource names"))
        {
            string name = item.Text("a resource name");
            int r = resources.IndexOf(name);
            if (r < 0)
            {
                throw item.Error($"unknown resource '{name}' (resources are {string.Join(", ", resources)})");
            }

            vector[r]++;
        }

        return vector;
    }
}
