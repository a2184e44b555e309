using Arbiter.Cli.Rendering;
using Arbiter.Core.Graphs;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// The store's live wait-for graph, read for display: owners named, the wait-for cycles found (Johnson's
/// enumeration from Arbiter.Core over the owner → owner edges) and which owners and edges lie on one, and the
/// resource-allocation picture (owners as circles, resources as boxes, holds solid, waits dashed, cycles red).
/// </summary>
/// <remarks>
/// The store breaks a deadlock the moment a wait closes a cycle, so a cycle shown here is one caught between the
/// closing wait and the victim's refusal, or one the store's policy left standing; either way it is shown in red.
/// </remarks>
internal sealed class WaitForView
{
    private const int CycleLimit = 100;
    private readonly Dictionary<long, string> _names = [];
    private readonly HashSet<long> _onCycle = [];
    private readonly Dictionary<long, int> _component = [];

    public WaitForView(WireGraphResponse graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Graph = graph;
        foreach (WireGraphOwner owner in graph.Owners ?? [])
        {
            _names[owner.Lease] = string.IsNullOrEmpty(owner.Name) ? StoreText.Lease(owner.Lease) : owner.Name;
        }

        // An owner seen only in an edge still gets a node, named by its lease.
        foreach (long lease in (graph.Holds ?? []).Concat(graph.Waits ?? []).Select(e => e.Lease)
            .Concat((graph.WaitsFor ?? []).SelectMany(e => (long[])[e.From, e.To])))
        {
            _names.TryAdd(lease, StoreText.Lease(lease));
        }

        // Number the owners that appear anywhere, then find the cycles of the owner → owner graph.
        var index = new Dictionary<long, int>();
        var leases = new List<long>();
        int Index(long lease)
        {
            if (!index.TryGetValue(lease, out int i))
            {
                i = index[lease] = leases.Count;
                leases.Add(lease);
            }

            return i;
        }

        foreach (long lease in _names.Keys)
        {
            Index(lease);
        }

        var edges = (graph.WaitsFor ?? []).Select(e => (Index(e.From), Index(e.To))).ToList();
        var successors = Enumerable.Range(0, leases.Count).Select(_ => new List<int>()).ToArray();
        foreach (var (from, to) in edges)
        {
            successors[from].Add(to);
        }

        CycleListing listing = ElementaryCycles.Find(leases.Count, edges, CycleLimit);
        Cycles = [.. listing.Cycles.Select(c => (IReadOnlyList<long>)[.. c.Select(i => leases[i])])];
        CyclesTruncated = listing.Truncated;
        int[] component = StronglyConnectedComponents.Compute(successors, out _);
        for (int i = 0; i < leases.Count; i++)
        {
            _component[leases[i]] = component[i];
        }

        foreach (IReadOnlyList<long> cycle in Cycles)
        {
            _onCycle.UnionWith(cycle);
        }
    }

    public WireGraphResponse Graph { get; }

    /// <summary>Each elementary cycle of owners (at most 100).</summary>
    public IReadOnlyList<IReadOnlyList<long>> Cycles { get; }

    public bool CyclesTruncated { get; }

    public string Name(long lease) => _names.TryGetValue(lease, out string? name) ? name : StoreText.Lease(lease);

    public bool OnCycle(long lease) => _onCycle.Contains(lease);

    /// <summary>A wait-for edge lies on a cycle when both ends are in the same strongly connected component.</summary>
    public bool OnCycle(WireWaitsFor edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return _onCycle.Contains(edge.From) && _component[edge.From] == _component[edge.To];
    }

    public string Describe(IReadOnlyList<long> cycle) =>
        string.Join(" → ", cycle.Append(cycle[0]).Select(Name));

    /// <summary>The resource-allocation picture for the SVG renderer.</summary>
    public GraphPicture Picture()
    {
        var cycleEdges = (Graph.WaitsFor ?? []).Where(OnCycle).ToList();
        var nodes = new List<PictureNode>();
        foreach (long lease in _names.Keys)
        {
            nodes.Add(new PictureNode("o" + lease, Name(lease), IsResource: false, 0, OnCycle(lease)));
        }

        foreach (WireGraphResource r in Graph.Resources ?? [])
        {
            bool hot = cycleEdges.Any(e => e.Resource == r.Name);
            nodes.Add(new PictureNode("r:" + r.Name, $"{r.Name} ({r.Kind})", IsResource: true, Math.Min(r.Capacity, 8), hot));
        }

        var known = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var edges = new List<PictureEdge>();
        foreach (WireGraphEdge hold in Graph.Holds ?? [])
        {
            bool hot = cycleEdges.Any(e => e.Resource == hold.Resource && e.To == hold.Lease);
            edges.Add(new PictureEdge("r:" + hold.Resource, "o" + hold.Lease, hold.Units > 1 ? hold.Units.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, Dashed: false, hot));
        }

        foreach (WireGraphEdge wait in Graph.Waits ?? [])
        {
            bool hot = cycleEdges.Any(e => e.Resource == wait.Resource && e.From == wait.Lease);
            edges.Add(new PictureEdge("o" + wait.Lease, "r:" + wait.Resource, wait.Units > 1 ? wait.Units.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, Dashed: true, hot));
        }

        var notes = new List<string> { "circles: owners (leases); boxes: resources; solid: holds; dashed: waits" };
        notes.AddRange(Cycles.Select(c => "cycle: " + Describe(c)));
        notes.Add($"revision {Graph.Header?.Revision ?? 0}; deadlocks broken so far: {Graph.DeadlocksBroken}");
        return new GraphPicture("Live wait-for graph", nodes, [.. edges.Where(e => known.Contains(e.From) && known.Contains(e.To))], notes);
    }
}
